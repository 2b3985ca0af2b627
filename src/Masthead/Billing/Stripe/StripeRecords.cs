using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Billing.Stripe;

/// <summary>Every Stripe event id we accepted, once: a redelivery finds its row and changes nothing.</summary>
public sealed class StripeEvent
{
    /// <summary>evt_…</summary>
    public required string Id { get; set; }
    public required string Type { get; set; }
    /// <summary>The event's own creation time at Stripe (the ordering marker).</summary>
    public DateTime CreatedAt { get; set; }
    public DateTime ReceivedAt { get; set; }
    public DateTime? ProcessedAt { get; set; }
    /// <summary>What was done: "applied", "stale: older than …", "ignored: …".</summary>
    public string Outcome { get; set; } = "";
}

/// <summary>Links a Stripe subscription to our <see cref="Subscriptions.MemberSubscription"/> and keeps the
/// creation time of the newest event applied to it, so an older event delivered late is not applied.</summary>
public sealed class StripeSubscriptionLink
{
    /// <summary>sub_…</summary>
    public required string StripeSubscriptionId { get; set; }
    public long SubscriptionId { get; set; }
    public required string UserId { get; set; }
    public string? StripeCustomerId { get; set; }
    public DateTime LastEventCreatedAt { get; set; }
    public string? LastEventId { get; set; }
}

/// <summary>Links a Stripe invoice to our mirrored <see cref="Invoices.Invoice"/>, with the same ordering marker.</summary>
public sealed class StripeInvoiceLink
{
    /// <summary>in_…</summary>
    public required string StripeInvoiceId { get; set; }
    public long InvoiceId { get; set; }
    public string? ChargeId { get; set; }
    public string? PaymentIntentId { get; set; }
    public DateTime LastEventCreatedAt { get; set; }
}

/// <summary>What Stripe last said was refunded of a charge. Kept even before the charge's invoice has
/// arrived, so a refund delivered ahead of its invoice is applied when the invoice comes.</summary>
public sealed class StripeChargeRefund
{
    /// <summary>ch_…</summary>
    public required string ChargeId { get; set; }
    public string? PaymentIntentId { get; set; }
    /// <summary>Cumulative amount_refunded, in minor units; it only grows.</summary>
    public long AmountRefundedMinor { get; set; }
}

internal sealed class StripeEventConfiguration : IEntityTypeConfiguration<StripeEvent>
{
    public void Configure(EntityTypeBuilder<StripeEvent> b)
    {
        b.ToTable("BillingStripeEvents");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).HasMaxLength(255);
        b.Property(e => e.Type).HasMaxLength(100);
        b.Property(e => e.Outcome).HasMaxLength(300);
        b.HasIndex(e => e.ReceivedAt);
    }
}

internal sealed class StripeSubscriptionLinkConfiguration : IEntityTypeConfiguration<StripeSubscriptionLink>
{
    public void Configure(EntityTypeBuilder<StripeSubscriptionLink> b)
    {
        b.ToTable("BillingStripeSubscriptions");
        b.HasKey(l => l.StripeSubscriptionId);
        b.Property(l => l.StripeSubscriptionId).HasMaxLength(255);
        b.Property(l => l.UserId).HasMaxLength(450);
        b.Property(l => l.StripeCustomerId).HasMaxLength(255);
        b.Property(l => l.LastEventId).HasMaxLength(255);
        b.HasIndex(l => l.SubscriptionId).IsUnique();
    }
}

internal sealed class StripeInvoiceLinkConfiguration : IEntityTypeConfiguration<StripeInvoiceLink>
{
    public void Configure(EntityTypeBuilder<StripeInvoiceLink> b)
    {
        b.ToTable("BillingStripeInvoices");
        b.HasKey(l => l.StripeInvoiceId);
        b.Property(l => l.StripeInvoiceId).HasMaxLength(255);
        b.Property(l => l.ChargeId).HasMaxLength(255);
        b.Property(l => l.PaymentIntentId).HasMaxLength(255);
        b.HasIndex(l => l.InvoiceId).IsUnique();
        b.HasIndex(l => l.ChargeId);
        b.HasIndex(l => l.PaymentIntentId);
    }
}

internal sealed class StripeChargeRefundConfiguration : IEntityTypeConfiguration<StripeChargeRefund>
{
    public void Configure(EntityTypeBuilder<StripeChargeRefund> b)
    {
        b.ToTable("BillingStripeChargeRefunds");
        b.HasKey(r => r.ChargeId);
        b.Property(r => r.ChargeId).HasMaxLength(255);
        b.Property(r => r.PaymentIntentId).HasMaxLength(255);
        b.Property(r => r.AmountRefundedMinor).HasColumnType("bigint");
        b.HasIndex(r => r.PaymentIntentId);
    }
}
