using Masthead.Content;

namespace Masthead.Events.Admin;

/// <summary>What the event form posts. Copied field by field onto the entity, never bound to it. Times, capacity and
/// addresses arrive as text so a bad value gets a message of ours rather than the binder's.</summary>
public sealed record EventInput
{
    public EventKind Kind { get; set; } = EventKind.LiveQa;
    public EventAdmission Admission { get; set; } = EventAdmission.Open;
    public string? Title { get; set; }
    public string? Slug { get; set; }
    public string? Summary { get; set; }
    public string? Description { get; set; }
    /// <summary>An IANA id, e.g. Asia/Dubai.</summary>
    public string? TimeZoneId { get; set; } = "UTC";
    /// <summary>Wall-clock date and time in <see cref="TimeZoneId"/> ("2026-12-10T18:00").</summary>
    public string? StartsAt { get; set; }
    public string? EndsAt { get; set; }
    /// <summary>Empty: no limit.</summary>
    public string? Capacity { get; set; }
    public string? VenueName { get; set; }
    public string? VenueAddress { get; set; }
    public string? VideoUrl { get; set; }
    public string? RecordingUrl { get; set; }
    public int? RecordingMediaId { get; set; }
    public AccessLevel Access { get; set; } = AccessLevel.Pro;
    /// <summary>Rows in the form; a row with neither an author nor a name is left out.</summary>
    public List<SpeakerInput> Speakers { get; set; } = [];
    /// <summary>The event's UpdatedAt (ticks) when the form was opened: a mismatch means someone else saved meanwhile.</summary>
    public long Stamp { get; set; }
}

/// <summary>A speaker row: an author (name and bio default to the author's) or a guest (name required).</summary>
public sealed record SpeakerInput
{
    public int? AuthorId { get; set; }
    public string? Name { get; set; }
    public string? Role { get; set; }
    public string? Bio { get; set; }
    /// <summary>Order on the page, smallest first; rows without one keep their place in the form.</summary>
    public int? Position { get; set; }
}

public enum EventCommand { Save, Publish, Unpublish }

/// <summary>Errors are keyed by <see cref="EventInput"/> property name ("" for the whole form). <paramref name="Notified"/>
/// is what registrants were told changed, when they were.</summary>
public sealed record EventSaveResult(int? EventId, IReadOnlyDictionary<string, string> Errors, string? Notified = null)
{
    public bool Succeeded => Errors.Count == 0;
}
