using Masthead.Billing.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Billing.Subscriptions;

/// <summary>Where a PRO subscription stands. See Billing/README.md for the transitions.</summary>
public enum SubscriptionStatus
{
    /// <summary>In the free trial; the card is on file and is charged when the trial ends.</summary>
    Trialing,
    /// <summary>Paid for the current period.</summary>
    Active,
    /// <summary>The charge for the current period failed; it is retried on the dunning schedule. Access continues.</summary>
    PastDue,
    /// <summary>Ended early: dunning ran out, a full refund of the current period, or canceled while past due.</summary>
    Canceled,
    /// <summary>Ended at the end of a period the member had canceled.</summary>
    Expired,
}

/// <summary>A reader's PRO subscription. State changes only through <see cref="SubscriptionMachine"/>;
/// <see cref="Version"/> is a concurrency token so two billing clocks cannot both apply a transition.</summary>
public sealed class MemberSubscription
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public int PriceId { get; set; }
    public Price? Price { get; set; }
    public int Seats { get; set; } = 1;
    public SubscriptionStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? TrialEnd { get; set; }
    public DateTime CurrentPeriodStart { get; set; }
    public DateTime CurrentPeriodEnd { get; set; }
    /// <summary>The member canceled: access continues until <see cref="CurrentPeriodEnd"/>, then Expired.</summary>
    public bool CancelAtPeriodEnd { get; set; }
    public DateTime? CanceledAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public DateTime? TrialReminderSentAt { get; set; }
    /// <summary>The invoice being collected while past due.</summary>
    public long? OpenInvoiceId { get; set; }
    public DateTime? FirstFailedAt { get; set; }
    /// <summary>Dunning retries already made.</summary>
    public int RetryCount { get; set; }
    public DateTime? NextRetryAt { get; set; }
    public int Version { get; set; }

    /// <summary>Statuses that may still change; Canceled and Expired are final.</summary>
    public bool IsLive => Status is SubscriptionStatus.Trialing or SubscriptionStatus.Active or SubscriptionStatus.PastDue;

    /// <summary>Whether this subscription grants PRO at <paramref name="now"/>: live, and not a canceled
    /// subscription whose period is over (the clock may not have expired it yet).</summary>
    public bool GrantsAccessAt(DateTime now) => IsLive && !(CancelAtPeriodEnd && now >= CurrentPeriodEnd);
}

/// <summary>One line of a subscription's append-only history: transitions, charges, emails sent.</summary>
public sealed class BillingEvent
{
    public long Id { get; set; }
    public long SubscriptionId { get; set; }
    public required string UserId { get; set; }
    public required string Type { get; set; }
    public DateTime At { get; set; }
    public string Detail { get; set; } = "";
}

/// <summary>One trial per person: each key (account, normalised email, card fingerprint) may be used once.</summary>
public sealed class TrialClaim
{
    public long Id { get; set; }
    /// <summary>"account:{id}", "email:{normalised}" or "card:{fingerprint}".</summary>
    public required string Key { get; set; }
    public required string UserId { get; set; }
    public long SubscriptionId { get; set; }
    public DateTime At { get; set; }
}

internal sealed class MemberSubscriptionConfiguration : IEntityTypeConfiguration<MemberSubscription>
{
    public void Configure(EntityTypeBuilder<MemberSubscription> b)
    {
        b.ToTable("BillingSubscriptions");
        b.Property(s => s.UserId).HasMaxLength(450);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasOne(s => s.Price).WithMany().HasForeignKey(s => s.PriceId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.UserId, s.Status });
        b.HasIndex(s => new { s.Status, s.CurrentPeriodEnd });
        b.Ignore(s => s.IsLive);
    }
}

internal sealed class BillingEventConfiguration : IEntityTypeConfiguration<BillingEvent>
{
    public void Configure(EntityTypeBuilder<BillingEvent> b)
    {
        b.ToTable("BillingEvents");
        b.Property(e => e.UserId).HasMaxLength(450);
        b.Property(e => e.Type).HasMaxLength(60);
        b.Property(e => e.Detail).HasMaxLength(1000);
        b.HasIndex(e => new { e.SubscriptionId, e.Id });
        b.HasIndex(e => e.UserId);
    }
}

internal sealed class TrialClaimConfiguration : IEntityTypeConfiguration<TrialClaim>
{
    public void Configure(EntityTypeBuilder<TrialClaim> b)
    {
        b.ToTable("BillingTrialClaims");
        b.Property(c => c.Key).HasMaxLength(300);
        b.Property(c => c.UserId).HasMaxLength(450);
        b.HasIndex(c => c.Key).IsUnique();
    }
}
