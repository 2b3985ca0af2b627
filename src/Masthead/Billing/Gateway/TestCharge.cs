using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Billing.Gateway;

/// <summary>A successful charge made by the built-in test gateway, kept in the database so that a refund after a
/// restart is checked against it exactly as before one: the charge must exist, and never more than what is left
/// of it is refunded. Written through the caller's context (<see cref="ScopedTestGateway"/>), so it commits or
/// rolls back with the invoice that records it.</summary>
public sealed class TestCharge
{
    /// <summary>ch_test_…</summary>
    public required string Id { get; set; }
    /// <summary>The charge's idempotency key: the same key answers with this charge instead of charging again.</summary>
    public required string IdempotencyKey { get; set; }
    public required string CustomerId { get; set; }
    public required string PaymentMethodId { get; set; }
    public long AmountMinor { get; set; }
    public required string Currency { get; set; }
    /// <summary>Only grows, by the refunds below; a concurrency token so two refunds at once cannot both spend what is left.</summary>
    public long AmountRefundedMinor { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A refund made by the test gateway, keyed by its idempotency key so a retried refund (after a restart
/// too) answers with the first one instead of refunding twice.</summary>
public sealed class TestRefund
{
    public required string IdempotencyKey { get; set; }
    /// <summary>re_test_…</summary>
    public required string RefundId { get; set; }
    public required string ChargeId { get; set; }
    public long AmountMinor { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class TestChargeConfiguration : IEntityTypeConfiguration<TestCharge>
{
    public void Configure(EntityTypeBuilder<TestCharge> b)
    {
        b.ToTable("BillingTestCharges");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).HasMaxLength(100);
        // Not unique: two app instances racing on one key both charge, and the loser's row rolls back with its invoice.
        b.HasIndex(c => c.IdempotencyKey);
        b.Property(c => c.IdempotencyKey).HasMaxLength(200);
        b.Property(c => c.CustomerId).HasMaxLength(100);
        b.Property(c => c.PaymentMethodId).HasMaxLength(100);
        b.Property(c => c.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(c => c.AmountRefundedMinor).IsConcurrencyToken();
    }
}

internal sealed class TestRefundConfiguration : IEntityTypeConfiguration<TestRefund>
{
    public void Configure(EntityTypeBuilder<TestRefund> b)
    {
        b.ToTable("BillingTestRefunds");
        b.HasKey(r => r.IdempotencyKey);
        b.Property(r => r.IdempotencyKey).HasMaxLength(200);
        b.Property(r => r.RefundId).HasMaxLength(100);
        b.Property(r => r.ChargeId).HasMaxLength(100);
        b.HasIndex(r => r.ChargeId);
    }
}
