using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Billing.Subscriptions;

/// <summary>A reader's customer record at the gateway and the card on file. Only what a receipt or the
/// account page shows is kept: brand, last four digits, expiry, and a fingerprint to spot a reused card.</summary>
public sealed class BillingCustomer
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string Email { get; set; }
    public required string Gateway { get; set; }
    public required string GatewayCustomerId { get; set; }
    public string? PaymentMethodId { get; set; }
    public string? CardBrand { get; set; }
    public string? CardLast4 { get; set; }
    public int? CardExpMonth { get; set; }
    public int? CardExpYear { get; set; }
    public string? CardFingerprint { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class BillingCustomerConfiguration : IEntityTypeConfiguration<BillingCustomer>
{
    public void Configure(EntityTypeBuilder<BillingCustomer> b)
    {
        b.ToTable("BillingCustomers");
        b.HasIndex(c => c.UserId).IsUnique();
        b.Property(c => c.UserId).HasMaxLength(450);
        b.Property(c => c.Email).HasMaxLength(256);
        b.Property(c => c.Gateway).HasMaxLength(20);
        b.Property(c => c.GatewayCustomerId).HasMaxLength(100);
        b.Property(c => c.PaymentMethodId).HasMaxLength(100);
        b.Property(c => c.CardBrand).HasMaxLength(20);
        b.Property(c => c.CardLast4).HasMaxLength(4);
        b.Property(c => c.CardFingerprint).HasMaxLength(64);
    }
}
