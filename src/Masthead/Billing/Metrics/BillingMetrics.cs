using Masthead.Billing.Invoices;
using Masthead.Billing.Plans;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Billing.Metrics;

/// <summary>What the metrics need to know about one subscription, read in one query.
/// <see cref="FirstPaidAt"/> is when its first invoice was paid (null: never paid).</summary>
public sealed record SubscriptionFacts(long Id, DateTime CreatedAt, DateTime? TrialEnd, DateTime? EndedAt, DateTime? FirstPaidAt,
    long AmountMinor, string Currency, BillingInterval Interval, int Seats);

/// <summary>A count out of a count (conversion, churn), kept as integers; null percent when nothing to divide.</summary>
public sealed record Ratio(int Part, int Whole)
{
    /// <summary>Basis points (1 % = 100), rounded half up; null when <see cref="Whole"/> is zero.</summary>
    public long? BasisPoints => Whole == 0 ? null : (Part * 20_000L + Whole) / (2L * Whole);

    public string Percent => BasisPoints is { } bp ? FormatBasisPoints(bp) : "n/a";

    /// <summary>"66.7%": basis points rounded half up to tenths of a percent.</summary>
    public static string FormatBasisPoints(long bp)
    {
        var tenths = (bp + 5) / 10;
        return $"{tenths / 10}.{tenths % 10}%";
    }
}

/// <summary>One period of a chart: [Start, End), with End clipped to now for the current period.</summary>
public sealed record MetricBucket(DateTime Start, DateTime End, string Label);

public sealed record MetricsSnapshot(Money Mrr, Money Arr, int PayingMembers, int ActiveTrials, Ratio Conversion, Ratio Churn);

/// <summary>Every series has one value per bucket. Stock figures (MRR, ARR, trials) are taken at each bucket's end;
/// flow figures (conversion, churn) cover the bucket. See Metrics/README.md for the definitions.</summary>
public sealed record MetricsReport(string Currency, bool Weekly, IReadOnlyList<MetricBucket> Buckets, IReadOnlyList<Money> Mrr,
    IReadOnlyList<Money> Arr, IReadOnlyList<int> Trials, IReadOnlyList<Ratio> Conversion, IReadOnlyList<Ratio> Churn, MetricsSnapshot Now);

/// <summary>MRR, ARR, trials, trial-to-paid conversion and churn, computed from subscriptions and invoices.
/// The engine has no reporting query, so this reads the entities directly (read-only).</summary>
public sealed class BillingMetrics(MastheadDb db, TimeProvider time, IOptions<BillingOptions> options)
{
    public const int Periods = 12;
    /// <summary>The window of the headline conversion and churn figures.</summary>
    public static readonly TimeSpan CurrentWindow = TimeSpan.FromDays(30);

    public async Task<MetricsReport> ReportAsync(CancellationToken ct)
    {
        var facts = await FactsAsync(ct);
        return Compute(facts, time.GetUtcNow().UtcDateTime, options.Value.Currency);
    }

    public async Task<IReadOnlyList<SubscriptionFacts>> FactsAsync(CancellationToken ct)
    {
        var firstPaid = db.Set<Invoice>().Where(i => i.PaidAt != null && i.AmountPaidMinor > 0);
        return await db.BillingSubscriptions.AsNoTracking()
            .Select(s => new SubscriptionFacts(s.Id, s.CreatedAt, s.TrialEnd, s.EndedAt,
                firstPaid.Where(i => i.SubscriptionId == s.Id).Min(i => i.PaidAt),
                s.Price!.AmountMinor, s.Price.Currency, s.Price.Interval, s.Seats))
            .ToListAsync(ct);
    }

    public static MetricsReport Compute(IReadOnlyList<SubscriptionFacts> all, DateTime now, string currency)
    {
        // One currency per report: amounts in another currency cannot be added without a rate.
        var facts = all.Where(f => f.Currency == currency).ToList();
        var earliest = facts.Count == 0 ? now : facts.Min(f => f.CreatedAt);
        var weekly = earliest > now.AddDays(-7 * Periods);
        var buckets = weekly ? Weeks(now) : Months(now);
        var at = buckets.Select(b => b.End).ToList();
        var mrr = at.Select(t => Mrr(facts, t, currency)).ToList();
        return new MetricsReport(currency, weekly, buckets, mrr,
            at.Select(t => Arr(facts, t, currency)).ToList(),
            at.Select(t => ActiveTrials(facts, t)).ToList(),
            buckets.Select(b => Conversion(facts, b.Start, b.End)).ToList(),
            buckets.Select(b => Churn(facts, b.Start, b.End)).ToList(),
            new MetricsSnapshot(Mrr(facts, now, currency), Arr(facts, now, currency), facts.Count(f => Paying(f, now)),
                ActiveTrials(facts, now), Conversion(facts, now - CurrentWindow, now), Churn(facts, now - CurrentWindow, now)));
    }

    /// <summary>Paying at t: its first invoice was paid by t and it had not ended by t (past due still counts).</summary>
    public static bool Paying(SubscriptionFacts f, DateTime t) => f.FirstPaidAt <= t && !(f.EndedAt <= t);

    public static bool Trialing(SubscriptionFacts f, DateTime t) =>
        f.TrialEnd is { } end && f.CreatedAt <= t && t < end && !(f.EndedAt <= t);

    /// <summary>Monthly prices summed as they are; annual ones summed, then divided by 12 once (half away from zero).</summary>
    public static Money Mrr(IEnumerable<SubscriptionFacts> facts, DateTime t, string currency)
    {
        var (monthly, yearly) = Sums(facts, t);
        return new Money(monthly, currency) + new Money(yearly, currency).DividedBy(12);
    }

    /// <summary>Exact: twelve months of the monthly prices plus the annual prices.</summary>
    public static Money Arr(IEnumerable<SubscriptionFacts> facts, DateTime t, string currency)
    {
        var (monthly, yearly) = Sums(facts, t);
        return new Money(checked(monthly * 12 + yearly), currency);
    }

    public static int ActiveTrials(IEnumerable<SubscriptionFacts> facts, DateTime t) => facts.Count(f => Trialing(f, t));

    /// <summary>Trials that ended in [from, to): how many had been paid for by <paramref name="to"/>.</summary>
    public static Ratio Conversion(IEnumerable<SubscriptionFacts> facts, DateTime from, DateTime to)
    {
        var ended = facts.Where(f => f.TrialEnd is { } e && e >= from && e < to).ToList();
        return new Ratio(ended.Count(f => f.FirstPaidAt <= to), ended.Count);
    }

    /// <summary>Of the subscriptions paying at <paramref name="from"/>, how many ended before <paramref name="to"/>.</summary>
    public static Ratio Churn(IEnumerable<SubscriptionFacts> facts, DateTime from, DateTime to)
    {
        var paying = facts.Where(f => Paying(f, from)).ToList();
        return new Ratio(paying.Count(f => f.EndedAt is { } e && e < to), paying.Count);
    }

    private static (long Monthly, long Yearly) Sums(IEnumerable<SubscriptionFacts> facts, DateTime t)
    {
        long monthly = 0, yearly = 0;
        foreach (var f in facts.Where(f => Paying(f, t)))
        {
            var amount = checked(f.AmountMinor * f.Seats);
            if (f.Interval == BillingInterval.Year) yearly += amount; else monthly += amount;
        }
        return (monthly, yearly);
    }

    /// <summary>The last 12 calendar months, the current one ending now.</summary>
    public static IReadOnlyList<MetricBucket> Months(DateTime now)
    {
        var first = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1 - Periods);
        return Enumerable.Range(0, Periods).Select(i =>
        {
            var start = first.AddMonths(i);
            var end = start.AddMonths(1);
            return new MetricBucket(start, end > now ? now : end, start.ToString("MMM yyyy", System.Globalization.CultureInfo.InvariantCulture));
        }).ToList();
    }

    /// <summary>The last 12 weeks (Monday to Monday), the current one ending now: for a young database.</summary>
    public static IReadOnlyList<MetricBucket> Weeks(DateTime now)
    {
        var monday = now.Date.AddDays(-(((int)now.DayOfWeek + 6) % 7));
        var first = DateTime.SpecifyKind(monday, DateTimeKind.Utc).AddDays(-7 * (Periods - 1));
        return Enumerable.Range(0, Periods).Select(i =>
        {
            var start = first.AddDays(7 * i);
            var end = start.AddDays(7);
            return new MetricBucket(start, end > now ? now : end, start.ToString("d MMM", System.Globalization.CultureInfo.InvariantCulture));
        }).ToList();
    }
}
