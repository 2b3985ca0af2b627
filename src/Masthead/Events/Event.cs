using Masthead.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Events;

public enum EventKind { LiveQa = 0, InPerson = 1 }

/// <summary>How a place is had: <see cref="Open"/> first come, first served, then a waitlist;
/// <see cref="ByInvitation"/> a request that staff approve or decline.</summary>
public enum EventAdmission { Open = 0, ByInvitation = 1 }

/// <summary>What staff set. <see cref="EventPhase"/> is what a reader sees at a given instant: a scheduled event is
/// live between its start and end and ended after it.</summary>
public enum EventStatus { Scheduled = 0, Canceled = 1 }

public enum EventPhase { Upcoming = 0, Live = 1, Ended = 2, Canceled = 3 }

/// <summary>A live video Q&amp;A or an in-person event. Times are stored in UTC and shown in the event's own zone
/// (<see cref="TimeZoneId"/>, an IANA id) and in each reader's. <see cref="ConfirmedCount"/> is the number of
/// confirmed places, kept by conditional updates so capacity holds when many register for the last place at once.
/// <see cref="Sequence"/> rises on every change that every registrant is told of (time, place, cancellation): it is
/// the floor of the iCalendar SEQUENCE each registrant's invitation carries.</summary>
public sealed class Event
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public EventKind Kind { get; set; }
    public EventAdmission Admission { get; set; }
    public required string Title { get; set; }
    /// <summary>One or two sentences for listings, feeds and the JSON-LD description.</summary>
    public string Summary { get; set; } = "";
    public string DescriptionMarkdown { get; set; } = "";
    /// <summary>Rendered and sanitised at save, like an article's body.</summary>
    public string DescriptionHtml { get; set; } = "";
    public required string TimeZoneId { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    /// <summary>Null: no limit (a webinar).</summary>
    public int? Capacity { get; set; }
    public int ConfirmedCount { get; set; }
    /// <summary>In-person: the venue's name and its postal address (one line each).</summary>
    public string? VenueName { get; set; }
    public string? VenueAddress { get; set; }
    /// <summary>Live Q&amp;A: where the video is watched. Shown only to registered members who may attend, and only
    /// from 15 minutes before the start until the end.</summary>
    public string? VideoUrl { get; set; }
    /// <summary>After the end: the recording, an address or a video uploaded to media (then its id).</summary>
    public string? RecordingUrl { get; set; }
    public int? RecordingMediaId { get; set; }
    /// <summary>Who may register (and see the join link and recording): PRO by default; Public for an open webinar
    /// (any signed-in reader registers); Members for any account.</summary>
    public AccessLevel Access { get; set; } = AccessLevel.Pro;
    public EventStatus Status { get; set; }
    /// <summary>Null: a draft only staff see.</summary>
    public DateTime? PublishedAt { get; set; }
    public int Sequence { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? CanceledAt { get; set; }
    public string? CancelReason { get; set; }
    /// <summary>The start the day-before and hour-before reminders were last queued in full for: a move of the event
    /// makes them due again. Each reminder is an outbox row with a key of its own, so a pass repeated after a crash or
    /// by a second instance queues nothing twice; these only spare finished events the look.</summary>
    public DateTime? DayReminderFor { get; set; }
    public DateTime? HourReminderFor { get; set; }
    public List<EventSpeaker> Speakers { get; set; } = [];

    public EventPhase PhaseAt(DateTime now) =>
        Status == EventStatus.Canceled ? EventPhase.Canceled
        : now < StartsAt ? EventPhase.Upcoming
        : now < EndsAt ? EventPhase.Live
        : EventPhase.Ended;

    public bool IsVisibleAt(DateTime now) => PublishedAt is { } p && p <= now;

    /// <summary>Confirmed places left; null when there is no limit.</summary>
    public int? PlacesLeft => Capacity is { } c ? Math.Max(0, c - ConfirmedCount) : null;
}

/// <summary>A speaker or host of an event: one of the site's authors (then <see cref="AuthorId"/>, and the name and
/// bio default to the author's) or a guest with a short bio.</summary>
public sealed class EventSpeaker
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public int? AuthorId { get; set; }
    public required string Name { get; set; }
    /// <summary>"Host", "Guest", "Moderator"…</summary>
    public string Role { get; set; } = "";
    public string Bio { get; set; } = "";
    public int Position { get; set; }
}

internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> b)
    {
        b.HasIndex(e => e.Slug).IsUnique();
        b.HasIndex(e => new { e.Status, e.StartsAt });
        b.Property(e => e.Slug).HasMaxLength(120);
        b.Property(e => e.Title).HasMaxLength(300);
        b.Property(e => e.Summary).HasMaxLength(600);
        b.Property(e => e.TimeZoneId).HasMaxLength(64);
        b.Property(e => e.VenueName).HasMaxLength(200);
        b.Property(e => e.VenueAddress).HasMaxLength(400);
        b.Property(e => e.VideoUrl).HasMaxLength(500);
        b.Property(e => e.RecordingUrl).HasMaxLength(500);
        b.Property(e => e.CancelReason).HasMaxLength(600);
        b.HasMany(e => e.Speakers).WithOne().HasForeignKey(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Content.Media.MediaAsset>().WithMany().HasForeignKey(e => e.RecordingMediaId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class EventSpeakerConfiguration : IEntityTypeConfiguration<EventSpeaker>
{
    public void Configure(EntityTypeBuilder<EventSpeaker> b)
    {
        b.HasIndex(s => new { s.EventId, s.Position });
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.Role).HasMaxLength(60);
        b.Property(s => s.Bio).HasMaxLength(1000);
        b.HasOne<Author>().WithMany().HasForeignKey(s => s.AuthorId).OnDelete(DeleteBehavior.SetNull);
    }
}
