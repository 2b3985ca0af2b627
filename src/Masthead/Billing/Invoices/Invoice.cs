using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Billing.Invoices;

public enum InvoiceStatus { Open, Paid, Void, PartiallyRefunded, Refunded }

/// <summary>An invoice with a gapless number (LL-000001). All amounts share <see cref="Currency"/>.
/// Subtotal is the sum of the lines; with tax-inclusive prices Tax is the part of the total that is
/// tax and Total = Subtotal, otherwise Total = Subtotal + Tax.</summary>
public sealed class Invoice
{
    public long Id { get; set; }
    public required string Number { get; set; }
    public long Sequence { get; set; }
    public required string UserId { get; set; }
    public long SubscriptionId { get; set; }
    public InvoiceStatus Status { get; set; }
    public required string Currency { get; set; }
    public long SubtotalMinor { get; set; }
    public long TaxMinor { get; set; }
    public int TaxRateBasisPoints { get; set; }
    public bool TaxInclusive { get; set; }
    public long TotalMinor { get; set; }
    public long AmountPaidMinor { get; set; }
    public long AmountRefundedMinor { get; set; }
    public DateTime PeriodStart { get; set; }
    public DateTime PeriodEnd { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? PaidAt { get; set; }
    public string? GatewayChargeId { get; set; }
    public List<InvoiceLine> Lines { get; set; } = [];

    public Money Subtotal => new(SubtotalMinor, Currency);
    public Money Tax => new(TaxMinor, Currency);
    public Money Total => new(TotalMinor, Currency);
    public Money AmountPaid => new(AmountPaidMinor, Currency);
    public Money AmountRefunded => new(AmountRefundedMinor, Currency);
    public Money Refundable => AmountPaid - AmountRefunded;
}

public sealed class InvoiceLine
{
    public long Id { get; set; }
    public long InvoiceId { get; set; }
    public required string Description { get; set; }
    public int Quantity { get; set; } = 1;
    public long UnitAmountMinor { get; set; }
    public long AmountMinor { get; set; }
}

/// <summary>The next invoice sequence number. Incremented inside the invoice's own transaction, so a
/// rolled-back invoice gives its number back and numbers have no gaps.</summary>
public sealed class InvoiceCounter
{
    public int Id { get; set; }
    public long Last { get; set; }
}

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> b)
    {
        b.ToTable("BillingInvoices");
        b.HasIndex(i => i.Number).IsUnique();
        b.HasIndex(i => i.Sequence).IsUnique();
        b.HasIndex(i => new { i.UserId, i.CreatedAt });
        b.Property(i => i.Number).HasMaxLength(30);
        b.Property(i => i.UserId).HasMaxLength(450);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        MoneyMapping.Currency(b, i => i.Currency);
        foreach (var p in new[] { nameof(Invoice.SubtotalMinor), nameof(Invoice.TaxMinor), nameof(Invoice.TotalMinor),
                     nameof(Invoice.AmountPaidMinor), nameof(Invoice.AmountRefundedMinor) })
        {
            b.Property(p).HasColumnType("bigint");
        }
        b.Property(i => i.GatewayChargeId).HasMaxLength(100);
        b.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(i => i.Subtotal); b.Ignore(i => i.Tax); b.Ignore(i => i.Total);
        b.Ignore(i => i.AmountPaid); b.Ignore(i => i.AmountRefunded); b.Ignore(i => i.Refundable);
    }
}

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> b)
    {
        b.ToTable("BillingInvoiceLines");
        b.Property(l => l.Description).HasMaxLength(300);
        b.Property(l => l.UnitAmountMinor).HasColumnType("bigint");
        b.Property(l => l.AmountMinor).HasColumnType("bigint");
    }
}

internal sealed class InvoiceCounterConfiguration : IEntityTypeConfiguration<InvoiceCounter>
{
    public void Configure(EntityTypeBuilder<InvoiceCounter> b)
    {
        b.ToTable("BillingInvoiceCounters");
        b.Property(c => c.Id).ValueGeneratedNever();
        b.HasData(new InvoiceCounter { Id = 1, Last = 0 });
    }
}
