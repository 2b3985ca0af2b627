using Masthead.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Events;

/// <summary>A member's one private calendar feed token (the <c>webcal:</c> address of their events). As with private
/// content feeds, only the SHA-256 of the token is kept; one row per user: rotating replaces the hash, revoking
/// deletes the row.</summary>
public sealed class CalendarFeedToken
{
    public required string UserId { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A message staff sent to an event's registrants (every one through the outbox); kept as the record of
/// what was said to whom.</summary>
public sealed class EventMessage
{
    public long Id { get; set; }
    public int EventId { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    /// <summary>Which registrants: "confirmed", "waitlisted", "all".</summary>
    public string Audience { get; set; } = "confirmed";
    public int Recipients { get; set; }
    public string SentBy { get; set; } = "";
    public DateTime SentAt { get; set; }
}

internal sealed class CalendarFeedTokenConfiguration : IEntityTypeConfiguration<CalendarFeedToken>
{
    public void Configure(EntityTypeBuilder<CalendarFeedToken> b)
    {
        b.HasKey(t => t.UserId);
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.HasOne<User>().WithOne().HasForeignKey<CalendarFeedToken>(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EventMessageConfiguration : IEntityTypeConfiguration<EventMessage>
{
    public void Configure(EntityTypeBuilder<EventMessage> b)
    {
        b.HasIndex(m => new { m.EventId, m.SentAt });
        b.Property(m => m.Subject).HasMaxLength(200);
        b.Property(m => m.Body).HasMaxLength(10000);
        b.Property(m => m.Audience).HasMaxLength(20);
        b.Property(m => m.SentBy).HasMaxLength(256);
        b.HasOne<Event>().WithMany().HasForeignKey(m => m.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
