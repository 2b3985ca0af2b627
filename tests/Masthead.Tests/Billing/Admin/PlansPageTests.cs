using System.Net;
using Masthead.Accounts;
using Masthead.Billing;
using Masthead.Billing.Admin;
using Masthead.Billing.Plans;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Billing.Admin;

internal static class PlanQueries
{
    public static Task<long> PriceAmountAsync(this TestApp app, string plan, BillingInterval interval) =>
        app.WithDbAsync(db => db.BillingPrices.Where(p => p.Plan!.Slug == plan && p.Interval == interval && p.Active)
            .Select(p => p.AmountMinor).SingleAsync(TestContext.Current.CancellationToken));
}

public sealed class PlansPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(Databases))]
    public async Task The_plans_page_lists_active_prices_and_says_a_change_is_for_new_subscriptions_only(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var admin = await app.SignedInClientAsync(Roles.Admin);
        var html = await admin.GetStringAsync("/admin/plans", Ct);
        Assert.Contains("PRO Individual", html);
        Assert.Contains("$300.00 USD", html);
        Assert.Contains("$30.00 USD", html);
        Assert.Contains("$25.00/month, billed annually $300", html);
        Assert.Contains("7 days", html);
        Assert.Contains("new subscriptions only", html);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task Garbage_negative_zero_and_over_precise_amounts_are_refused_inline_and_change_nothing(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var admin = await app.SignedInClientAsync(Roles.Admin);
        var cases = new Dictionary<string, string>
        {
            ["abc"] = "Enter the amount as digits",
            ["-10"] = "must be more than zero",
            ["0"] = "must be more than zero",
            ["0.00"] = "must be more than zero",
            ["12.345"] = "at most 2 decimals",
            ["1e3"] = "Enter the amount as digits",
            [""] = "Enter an amount",
            ["300"] = "already the price",
        };
        foreach (var (amount, message) in cases)
        {
            var response = await admin.PostFormAsync("/admin/plans", new() { ["Target"] = "pro:Year", ["Amount"] = amount });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync(Ct);
            Assert.Contains(message, html);
            Assert.Contains("aria-invalid=\"true\"", html);
        }
        var tampered = await admin.PostFormAsync("/admin/plans", new() { ["Target"] = "free:Year", ["Amount"] = "10" });
        Assert.Contains("Choose one of the prices listed", await tampered.Content.ReadAsStringAsync(Ct));
        Assert.Equal(30_000, await app.PriceAmountAsync(PlanSlugs.Pro, BillingInterval.Year));
        Assert.Equal(3, await app.WithDbAsync(d => d.BillingPrices.CountAsync(Ct))); // pro yearly and monthly, team yearly
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task A_valid_change_adds_a_new_active_price_and_keeps_the_old_row_for_existing_members(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var admin = await app.SignedInClientAsync(Roles.Admin);
        var oldId = await app.PriceIdAsync();
        var response = await admin.PostFormAsync("/admin/plans", new() { ["Target"] = "pro:Year", ["Amount"] = "$324.50" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/plans?notice=changed", response.Headers.Location!.OriginalString);

        Assert.Equal(32_450, await app.PriceAmountAsync(PlanSlugs.Pro, BillingInterval.Year));
        Assert.NotEqual(oldId, await app.PriceIdAsync());
        var old = await app.WithDbAsync(d => d.BillingPrices.AsNoTracking().SingleAsync(p => p.Id == oldId, Ct));
        Assert.False(old.Active);
        Assert.Equal(30_000, old.AmountMinor);
        Assert.Equal(3_000, await app.PriceAmountAsync(PlanSlugs.Pro, BillingInterval.Month));
        var html = await admin.GetStringAsync("/admin/plans?notice=changed", Ct);
        Assert.Contains("$324.50 USD", html);
        Assert.Contains("existing members keep theirs", html);
    }

    [Fact]
    public void Amounts_are_read_digit_by_digit_into_minor_units()
    {
        Assert.True(MoneyInput.TryParse("25.5", "USD", out var m, out _));
        Assert.Equal(new Money(2_550, "USD"), m);
        Assert.True(MoneyInput.TryParse(" 7.125 ", "KWD", out var kwd, out _));
        Assert.Equal(7_125, kwd.Minor);
        Assert.True(MoneyInput.TryParse("1500", "JPY", out var jpy, out _));
        Assert.Equal(1_500, jpy.Minor);
        Assert.False(MoneyInput.TryParse("15.5", "JPY", out _, out var error));
        Assert.Contains("no decimals", error);
        Assert.False(MoneyInput.TryParse("1,000", "USD", out _, out _));
        Assert.False(MoneyInput.TryParse("12.", "USD", out _, out _));
        Assert.Equal("0.05", MoneyInput.Text(new Money(5, "USD")));
        Assert.Equal("7.125", MoneyInput.Text(new Money(7_125, "KWD")));
    }
}
