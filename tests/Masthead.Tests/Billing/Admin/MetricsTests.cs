using System.Text.RegularExpressions;
using Masthead.Accounts;
using Masthead.Billing;
using Masthead.Billing.Metrics;
using Masthead.Billing.Plans;
using Masthead.Billing.Subscriptions;
using Masthead.Tests.Support;
using static Masthead.Tests.Billing.Admin.MemberAdminSeed;

namespace Masthead.Tests.Billing.Admin;

public sealed class MetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Now is 20 Nov 2026 09:00. Annual $300, monthly $30.
    /// A annual paid 8 Jun; B annual paid 8 Sep; C monthly paid 8 Oct; D monthly paid 8 Jul, ended 8 Nov;
    /// E annual trial ended 9 Nov unpaid; F annual trialing until 25 Nov; G monthly paid 1 Nov 12:00.</summary>
    private static async Task SeedKnownAsync(TestApp app)
    {
        await app.MemberAsync("a@example.test", SubscriptionStatus.Active, At(6, 1), paidAt: At(6, 8));
        await app.MemberAsync("b@example.test", SubscriptionStatus.Active, At(9, 1), paidAt: At(9, 8));
        await app.MemberAsync("c@example.test", SubscriptionStatus.Active, At(10, 1), BillingInterval.Month, paidAt: At(10, 8));
        await app.MemberAsync("d@example.test", SubscriptionStatus.Expired, At(7, 1), BillingInterval.Month, paidAt: At(7, 8), endedAt: At(11, 8));
        await app.MemberAsync("e@example.test", SubscriptionStatus.Expired, At(11, 2), endedAt: At(11, 9));
        await app.MemberAsync("f@example.test", SubscriptionStatus.Trialing, At(11, 18));
        await app.MemberAsync("g@example.test", SubscriptionStatus.Active, At(10, 25, 12), BillingInterval.Month, paidAt: At(11, 1, 12));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task Mrr_arr_trials_conversion_and_churn_have_their_documented_exact_values_on_a_known_dataset(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        await SeedKnownAsync(app);
        var report = await app.ScopedAsync<BillingMetrics, MetricsReport>(m => m.ReportAsync(Ct));

        // Now: A+B annual (60000/12 = 5000) + C, G monthly (3000 each) = 11000; ARR = 60000 + 12·6000.
        Assert.Equal(new Money(11_000, "USD"), report.Now.Mrr);
        Assert.Equal(new Money(132_000, "USD"), report.Now.Arr);
        Assert.Equal(4, report.Now.PayingMembers);
        Assert.Equal(1, report.Now.ActiveTrials);
        // Last 30 days: trials ended E (unpaid) and G (paid): 1 of 2. Paying on 21 Oct: A, B, C, D; D ended: 1 of 4.
        Assert.Equal(new Ratio(1, 2), report.Now.Conversion);
        Assert.Equal("50.0%", report.Now.Conversion.Percent);
        Assert.Equal(new Ratio(1, 4), report.Now.Churn);
        Assert.Equal(2_500, report.Now.Churn.BasisPoints);

        Assert.False(report.Weekly);
        Assert.Equal(12, report.Buckets.Count);
        Assert.Equal(["Dec 2025", "Nov 2026"], new[] { report.Buckets[0].Label, report.Buckets[^1].Label });
        long[] mrr = [0, 0, 0, 0, 0, 0, 2_500, 5_500, 5_500, 8_000, 11_000, 11_000];
        Assert.Equal(mrr, report.Mrr.Select(m => m.Minor));
        Assert.Equal(mrr.Select(m => m * 12).ToArray()[..7], report.Arr.Take(7).Select(m => m.Minor));
        Assert.Equal(60_000 + 36_000, report.Arr[9].Minor); // end of Sep: A, B annual + D monthly
        Assert.Equal(1, report.Trials[^1]);
        Assert.Equal(1, report.Trials[^2]); // 1 Nov 00:00: G's trial (25 Oct 12:00 to 1 Nov 12:00) is running
        // Conversion by month: Jun (A), Jul (D), Sep (B), Oct (C) all paid; Nov E unpaid and G paid.
        Assert.Equal([null, null, null, null, null, null, 10_000, 10_000, null, 10_000, 10_000, 5_000],
            report.Conversion.Select(c => c.BasisPoints));
        Assert.Equal(new Ratio(1, 4), report.Churn[^1]);
        Assert.Equal(new Ratio(0, 3), report.Churn[^2]); // paying on 1 Oct: A, B, D
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task The_billing_dashboard_draws_one_accessible_svg_per_metric_with_a_point_per_period_that_has_a_value(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        await SeedKnownAsync(app);
        var admin = await app.SignedInClientAsync(Roles.Admin);
        var html = await admin.GetStringAsync("/admin/billing", Ct);

        Assert.Contains("$110.00", html);
        Assert.Contains("$1,320.00", html);
        Assert.Equal(5, Regex.Matches(html, "<svg class=\"chart-svg\" role=\"img\"").Count);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("style=", html);
        Assert.DoesNotContain("src/Masthead", html); // staff read definitions on the page, not a path in the repository
        Assert.Contains("How these figures are counted", html);
        int Points(string id)
        {
            var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
            var end = html.IndexOf("</svg>", start, StringComparison.Ordinal);
            Assert.Contains($"<title id=\"{id}-title\">", html[start..end]);
            Assert.Contains($"<desc id=\"{id}-desc\">", html[start..end]);
            return Regex.Matches(html[start..end], "<circle class=\"chart-point[ \"]").Count;
        }
        Assert.Equal(12, Points("chart-mrr"));
        Assert.Equal(12, Points("chart-arr"));
        Assert.Equal(12, Points("chart-trials"));
        Assert.Equal(5, Points("chart-conversion"));
        Assert.Equal(5, Points("chart-churn")); // someone was paying at the start of Jul to Nov
        Assert.Equal(5, Regex.Matches(html, "<details class=\"chart-data\">").Count);
        Assert.Contains("<th scope=\"row\">Nov 2026</th><td>$110.00</td>", html);
    }

    [Fact]
    public void A_young_database_is_charted_by_week()
    {
        var now = new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);
        var facts = new[] { new SubscriptionFacts(1, now.AddDays(-20), now.AddDays(-13), null, now.AddDays(-13), 30_000, "USD", BillingInterval.Year, 1) };
        var report = BillingMetrics.Compute(facts, now, "USD");
        Assert.True(report.Weekly);
        Assert.Equal(12, report.Buckets.Count);
        Assert.Equal(DayOfWeek.Monday, report.Buckets[0].Start.DayOfWeek);
        Assert.Equal(now, report.Buckets[^1].End);
        Assert.Equal(2_500, report.Mrr[^1].Minor);
        Assert.Equal(0, report.Mrr[^4].Minor);
    }

    [Fact]
    public void Annual_prices_are_divided_by_twelve_once_so_arr_stays_exact()
    {
        var now = new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);
        var paid = now.AddDays(-400);
        SubscriptionFacts F(long amount, BillingInterval i, int seats = 1) => new(1, paid, null, null, paid, amount, "USD", i, seats);
        var facts = new[] { F(10_001, BillingInterval.Year), F(10_001, BillingInterval.Year), F(999, BillingInterval.Month), F(30_000, BillingInterval.Year, 3) };
        // (20002 + 90000) / 12 = 9166.83 → 9167, plus 999.
        Assert.Equal(10_166, BillingMetrics.Mrr(facts, now, "USD").Minor);
        Assert.Equal(110_002 + 999 * 12, BillingMetrics.Arr(facts, now, "USD").Minor);
    }

    [Fact]
    public void Percentages_are_rounded_to_a_tenth_with_integers_and_nothing_to_divide_is_not_a_number()
    {
        Assert.Equal("66.7%", new Ratio(2, 3).Percent);
        Assert.Equal("9.1%", new Ratio(1, 11).Percent);
        Assert.Equal("100.0%", new Ratio(5, 5).Percent);
        Assert.Equal("0.0%", new Ratio(0, 7).Percent);
        Assert.Null(new Ratio(0, 0).BasisPoints);
        Assert.Equal("n/a", new Ratio(0, 0).Percent);
    }
}
