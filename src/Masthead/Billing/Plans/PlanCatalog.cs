using Masthead.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Billing.Plans;

/// <summary>A price as the pricing and checkout pages show it.</summary>
public sealed record PriceOffer(int PriceId, string PlanSlug, string PlanName, BillingInterval Interval, Money Amount,
    bool PerSeat, int TrialDays, string Display);

/// <summary>A plan with its active prices, for the pricing page.</summary>
public sealed record PlanOffer(string Slug, string Name, string Description, IReadOnlyList<string> Includes,
    IReadOnlyList<PriceOffer> Prices);

public static class PlanSlugs
{
    public const string Free = "free";
    public const string Pro = "pro";
    public const string ProTeam = "pro-team";
}

/// <summary>Plans and prices: seeding, the offers for the pricing page, and price changes.</summary>
public sealed class PlanCatalog(MastheadDb db, TimeProvider time, IOptions<BillingOptions> options)
{
    /// <summary>"$25.00/month, billed annually $300", "$30.00/month", "$300.00 per seat a year".</summary>
    public static string Describe(Money amount, BillingInterval interval, bool perSeat)
    {
        var seat = perSeat ? " per seat" : "";
        return interval == BillingInterval.Year
            ? $"{amount.DividedBy(12).Format()}/month{seat}, billed annually {amount.Format(trimWholeUnits: true)}"
            : $"{amount.Format()}/month{seat}";
    }

    /// <summary>Plans in display order with their active prices (a plan without prices is the free one).</summary>
    public async Task<IReadOnlyList<PlanOffer>> OffersAsync(CancellationToken ct)
    {
        var plans = await db.Set<Plan>().AsNoTracking().Include(p => p.Prices.Where(x => x.Active))
            .OrderBy(p => p.SortOrder).ToListAsync(ct);
        return plans.Select(p => new PlanOffer(p.Slug, p.Name, p.Description, p.IncludedItems,
            p.Prices.OrderBy(x => x.Interval == BillingInterval.Year ? 0 : 1).Select(x => ToOffer(p, x)).ToList())).ToList();
    }

    /// <summary>An active price by id, or null: checkout must re-read the price, never trust a posted amount.</summary>
    public async Task<PriceOffer?> ActivePriceAsync(int priceId, CancellationToken ct)
    {
        var price = await db.Set<Price>().AsNoTracking().Include(p => p.Plan)
            .FirstOrDefaultAsync(p => p.Id == priceId && p.Active, ct);
        return price is null ? null : ToOffer(price.Plan!, price);
    }

    /// <summary>Changing a price: a new active row replaces the active one for that plan, interval and
    /// seat model. Existing subscriptions keep pointing at the old row, so they keep paying the old amount.</summary>
    public async Task<PriceOffer> ChangePriceAsync(string planSlug, BillingInterval interval, Money amount, CancellationToken ct)
    {
        if (amount.Minor <= 0) throw new BillingException("A price must be more than zero.", "invalid_price");
        var plan = await db.Set<Plan>().FirstOrDefaultAsync(p => p.Slug == planSlug, ct)
            ?? throw new BillingException($"There is no plan '{planSlug}'.", "unknown_plan");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var current = await db.Set<Price>().Where(p => p.PlanId == plan.Id && p.Interval == interval && p.Active).ToListAsync(ct);
        foreach (var old in current) old.Active = false;
        var price = new Price
        {
            PlanId = plan.Id, Interval = interval, AmountMinor = amount.Minor, Currency = amount.Currency,
            PerSeat = current.FirstOrDefault()?.PerSeat ?? plan.Slug == PlanSlugs.ProTeam,
            TrialDays = current.FirstOrDefault()?.TrialDays ?? options.Value.TrialDays,
            Active = true, CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Add(price);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return ToOffer(plan, price);
    }

    /// <summary>Creates the three plans and their first prices when the catalogue is empty.</summary>
    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Set<Plan>().AnyAsync(ct)) return;
        var o = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        Price P(BillingInterval interval, string major, bool perSeat = false) => new()
        {
            Interval = interval, AmountMinor = Money.Parse(major, o.Currency).Minor, Currency = o.Currency,
            PerSeat = perSeat, TrialDays = o.TrialDays, Active = true, CreatedAt = now,
        };
        db.AddRange(
            new Plan
            {
                Slug = PlanSlugs.Free, Name = "Free", SortOrder = 0,
                Description = "A free account: public articles, a few members' articles a month and the free briefings.",
                Includes = "Public articles\nMembers' articles each month\nFree email briefings",
            },
            new Plan
            {
                Slug = PlanSlugs.Pro, Name = "PRO Individual", SortOrder = 1,
                Description = "Everything we publish, for one reader.",
                Includes = "Every article, memo and trend report\nIndustry newsletters\nLive video Q&A with our correspondents\nSpecial events",
                Prices = [P(BillingInterval.Year, "300"), P(BillingInterval.Month, "30")],
            },
            new Plan
            {
                Slug = PlanSlugs.ProTeam, Name = "PRO Team", SortOrder = 2,
                Description = "PRO for a desk or a whole organisation, billed per seat.",
                Includes = "Everything in PRO Individual, for each seat\nOne invoice for the team",
                Prices = [P(BillingInterval.Year, "300", perSeat: true)],
            });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance seeded first (unique slug): theirs stands.
            db.ChangeTracker.Clear();
        }
    }

    private static PriceOffer ToOffer(Plan plan, Price p) =>
        new(p.Id, plan.Slug, plan.Name, p.Interval, p.Amount, p.PerSeat, p.TrialDays, Describe(p.Amount, p.Interval, p.PerSeat));
}
