using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Billing.Plans;

public enum BillingInterval { Month, Year }

/// <summary>What a reader can buy: free, pro, pro-team. Prices hang off the plan.</summary>
public sealed class Plan
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    /// <summary>What is included, one item per line (pricing page bullets).</summary>
    public string Includes { get; set; } = "";
    public int SortOrder { get; set; }
    public List<Price> Prices { get; set; } = [];

    public IReadOnlyList<string> IncludedItems =>
        Includes.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>An immutable price. To change what new subscribers pay, add a new active Price and
/// deactivate the old one (<see cref="PlanCatalog.ChangePriceAsync"/>); subscriptions keep their
/// PriceId, so existing members are unaffected.</summary>
public sealed class Price
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public Plan? Plan { get; set; }
    public BillingInterval Interval { get; set; }
    public long AmountMinor { get; set; }
    public required string Currency { get; set; }
    /// <summary>Charged per seat (team plans); the subscription holds the seat count.</summary>
    public bool PerSeat { get; set; }
    public int TrialDays { get; set; }
    public bool Active { get; set; }
    public DateTime CreatedAt { get; set; }

    public Money Amount => new(AmountMinor, Currency);

    public DateTime PeriodEndFrom(DateTime start) =>
        Interval == BillingInterval.Year ? start.AddYears(1) : start.AddMonths(1);
}

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> b)
    {
        b.ToTable("BillingPlans");
        b.HasIndex(p => p.Slug).IsUnique();
        b.Property(p => p.Slug).HasMaxLength(40);
        b.Property(p => p.Name).HasMaxLength(100);
        b.Property(p => p.Description).HasMaxLength(1000);
        b.Property(p => p.Includes).HasMaxLength(2000);
        b.Ignore(p => p.IncludedItems);
    }
}

internal sealed class PriceConfiguration : IEntityTypeConfiguration<Price>
{
    public void Configure(EntityTypeBuilder<Price> b)
    {
        b.ToTable("BillingPrices");
        b.HasOne(p => p.Plan).WithMany(p => p.Prices).HasForeignKey(p => p.PlanId).OnDelete(DeleteBehavior.Restrict);
        b.Property(p => p.Interval).HasConversion<string>().HasMaxLength(10);
        b.MoneyColumns(p => p.AmountMinor, p => p.Currency);
        b.Ignore(p => p.Amount);
        b.HasIndex(p => new { p.PlanId, p.Active });
    }
}
