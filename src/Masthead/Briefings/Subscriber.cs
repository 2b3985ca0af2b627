using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Briefings;

/// <summary>An email address that asked for briefings. Confirmed once (double opt-in) for all its lists.</summary>
public sealed class Subscriber
{
    public long Id { get; set; }
    /// <summary>Normalised: trimmed, lower-case. Unique.</summary>
    public required string Email { get; set; }
    public string? Name { get; set; }
    /// <summary>The reader account with the same address, when there is one.</summary>
    public string? UserId { get; set; }
    /// <summary>The consent date: when the confirmation link was followed here or, for an address imported as
    /// confirmed, when it signed up on the platform it came from. Null until then; unconfirmed addresses receive
    /// nothing but the confirmation email.</summary>
    public DateTime? ConfirmedAt { get; set; }
    /// <summary>When Masthead last queued a confirmation email to this address. An unconfirmed address expires
    /// counting from here; one never sent a confirmation (an imported pending row) never expires.</summary>
    public DateTime? ConfirmationSentAt { get; set; }
    /// <summary>When the address signed up: here, or on the platform an import came from.</summary>
    public DateTime CreatedAt { get; set; }
    /// <summary>Where the address came from: "form:home", "account", "import:ghost 2026-12-03" (format and day of
    /// the import), ...</summary>
    public string Source { get; set; } = "";
    public List<Subscription> Subscriptions { get; set; } = [];
}

public enum SubscriptionStatus { Pending = 0, Active = 1, Unsubscribed = 2 }

public sealed class Subscription
{
    public long SubscriberId { get; set; }
    public Subscriber? Subscriber { get; set; }
    public int ListId { get; set; }
    public BriefingList? List { get; set; }
    public SubscriptionStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? UnsubscribedAt { get; set; }
}

public enum SuppressionReason { HardBounce = 0, Complaint = 1, UnsubscribedAll = 2, Manual = 3 }

/// <summary>An address no send may reach, whatever its subscriptions say.</summary>
public sealed class Suppression
{
    public long Id { get; set; }
    public required string Email { get; set; }
    public SuppressionReason Reason { get; set; }
    public string? Detail { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class SubscriberConfiguration : IEntityTypeConfiguration<Subscriber>
{
    public void Configure(EntityTypeBuilder<Subscriber> b)
    {
        b.HasIndex(s => s.Email).IsUnique();
        b.Property(s => s.Email).HasMaxLength(256);
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.Source).HasMaxLength(100);
        // The expiry's scan: only addresses still waiting for a confirmation, a small share of the table.
        b.HasIndex(s => s.ConfirmationSentAt).HasFilter("\"ConfirmedAt\" IS NULL");
    }
}

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> b)
    {
        b.HasKey(s => new { s.SubscriberId, s.ListId });
        b.HasIndex(s => new { s.ListId, s.Status, s.SubscriberId });
        b.HasOne(s => s.Subscriber).WithMany(x => x.Subscriptions).HasForeignKey(s => s.SubscriberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(s => s.List).WithMany().HasForeignKey(s => s.ListId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SuppressionConfiguration : IEntityTypeConfiguration<Suppression>
{
    public void Configure(EntityTypeBuilder<Suppression> b)
    {
        b.HasIndex(s => s.Email).IsUnique();
        b.Property(s => s.Email).HasMaxLength(256);
        b.Property(s => s.Detail).HasMaxLength(1000);
    }
}
