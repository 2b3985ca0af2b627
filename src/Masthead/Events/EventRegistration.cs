using Masthead.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Events;

/// <summary>Where a member stands with an event. <see cref="Confirmed"/> holds a place (counted in
/// <see cref="Event.ConfirmedCount"/>); <see cref="Waitlisted"/> waits for one, oldest first; <see cref="Requested"/>
/// waits for staff (by-invitation events); <see cref="Declined"/> and <see cref="Canceled"/> are ends a member can
/// leave by registering again.</summary>
public enum RegistrationStatus { Confirmed = 0, Waitlisted = 1, Requested = 2, Declined = 3, Canceled = 4 }

/// <summary>One member's registration for one event (one row per event and user, reused when they register again).
/// <see cref="QueuedAt"/> orders the waitlist. <see cref="Sequence"/> is the iCalendar SEQUENCE last sent to this
/// registrant: every message with an invitation raises it, so calendars apply each update over the last.
/// <see cref="TicketCode"/> is the random code in an in-person ticket's QR; <see cref="CheckedInAt"/> is set once,
/// by a conditional update, at the door.</summary>
public sealed class EventRegistration
{
    public long Id { get; set; }
    public int EventId { get; set; }
    public required string UserId { get; set; }
    public RegistrationStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When the member last asked for a place: the waitlist's and the request queue's order.</summary>
    public DateTime QueuedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public DateTime? CanceledAt { get; set; }
    /// <summary>By-invitation: what the member told staff with the request, and who decided it when.</summary>
    public string RequestNote { get; set; } = "";
    public DateTime? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public int Sequence { get; set; }
    public string? TicketCode { get; set; }
    public DateTime? CheckedInAt { get; set; }
    public string? CheckedInBy { get; set; }
}

internal sealed class EventRegistrationConfiguration : IEntityTypeConfiguration<EventRegistration>
{
    public void Configure(EntityTypeBuilder<EventRegistration> b)
    {
        b.HasIndex(r => new { r.EventId, r.UserId }).IsUnique();
        b.HasIndex(r => new { r.EventId, r.Status, r.QueuedAt });
        b.HasIndex(r => r.UserId);
        b.HasIndex(r => r.TicketCode).IsUnique();
        b.Property(r => r.UserId).HasMaxLength(450);
        b.Property(r => r.RequestNote).HasMaxLength(1000);
        b.Property(r => r.DecidedBy).HasMaxLength(256);
        b.Property(r => r.TicketCode).HasMaxLength(64);
        b.Property(r => r.CheckedInBy).HasMaxLength(256);
        b.HasOne<Event>().WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
