using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Delivery.Outbox;

public enum OutboxStatus
{
    /// <summary>Waiting to be claimed (again, after a deferral, once NextAttemptAt has passed).</summary>
    Queued = 0,
    /// <summary>Claimed by a worker until LeaseExpiresAt; an expired lease is claimable again (crash recovery).</summary>
    Leased = 1,
    /// <summary>Accepted by the SMTP server (or written to the pickup folder). Final.</summary>
    Sent = 2,
    /// <summary>Permanently refused (5xx) or bounced by DSN. Final; the address is suppressed.</summary>
    Bounced = 3,
    /// <summary>Gave up after the retry budget. Final.</summary>
    Failed = 4,
    /// <summary>Not sent because the address is on the suppression list. Final.</summary>
    Suppressed = 5,
}

/// <summary>One message to one recipient. The database is the queue: workers claim rows with a
/// conditional update (SQLite) or FOR UPDATE SKIP LOCKED (PostgreSQL), render them, send them and record
/// the outcome on the row. A row is marked Sent only after the server accepted it, so a crash can at
/// worst repeat the messages that were in flight.</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    /// <summary>Which renderer builds the message: "edition", "mail" (pre-rendered transactional), ...</summary>
    public required string Kind { get; set; }
    /// <summary>Deterministic and unique, e.g. "edition/42/1007": the Message-ID derives from it, and a
    /// second enqueue of the same key is a no-op.</summary>
    public required string MessageKey { get; set; }
    public long? EditionId { get; set; }
    public long? SubscriberId { get; set; }
    public required string ToAddress { get; set; }
    public string? ToName { get; set; }
    /// <summary>For pre-rendered kinds: the message itself (MIME text). Null for editions, rendered per recipient at send time.</summary>
    public string? Payload { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseExpiresAt { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("Outbox");
        b.HasIndex(m => m.MessageKey).IsUnique();
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
        b.HasIndex(m => new { m.EditionId, m.Status });
        b.Property(m => m.Kind).HasMaxLength(32);
        b.Property(m => m.MessageKey).HasMaxLength(200);
        b.Property(m => m.ToAddress).HasMaxLength(256);
        b.Property(m => m.ToName).HasMaxLength(200);
        b.Property(m => m.LeaseOwner).HasMaxLength(100);
        b.Property(m => m.LastError).HasMaxLength(1000);
    }
}
