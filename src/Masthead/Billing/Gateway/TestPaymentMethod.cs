using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Billing.Gateway;

/// <summary>A payment method attached through the built-in test gateway, kept in the database so that a
/// renewal or a dunning retry after a restart behaves as it would have before it. Never the card number:
/// the brand, last four, expiry, fingerprint and the test card's <see cref="Behaviour"/> (what Stripe's
/// public test number does on a charge), which is all the gateway needs to decide a charge.</summary>
public sealed class TestPaymentMethod
{
    /// <summary>pm_test_…</summary>
    public required string Id { get; set; }
    public required string CustomerId { get; set; }
    public required string Brand { get; set; }
    public required string Last4 { get; set; }
    public int ExpMonth { get; set; }
    public int ExpYear { get; set; }
    public string? Fingerprint { get; set; }
    /// <summary><see cref="TestCards.ChargeSucceeds"/>, or the decline code every charge gets ("card_declined", "insufficient_funds").</summary>
    public required string Behaviour { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class TestPaymentMethodConfiguration : IEntityTypeConfiguration<TestPaymentMethod>
{
    public void Configure(EntityTypeBuilder<TestPaymentMethod> b)
    {
        b.ToTable("BillingTestPaymentMethods");
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).HasMaxLength(100);
        b.Property(m => m.CustomerId).HasMaxLength(100);
        b.Property(m => m.Brand).HasMaxLength(20);
        b.Property(m => m.Last4).HasMaxLength(4);
        b.Property(m => m.Fingerprint).HasMaxLength(64);
        b.Property(m => m.Behaviour).HasMaxLength(40);
    }
}
