using System.Net;
using Masthead.Accounts;
using Masthead.Billing.Demo;
using Masthead.Billing.Invoices;
using Masthead.Billing.Metrics;
using Masthead.Billing.Plans;
using Masthead.Billing.Subscriptions;
using Masthead.Membership;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Billing.Admin;

public sealed class DemoMembersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task ApplyAsync(TestApp app, bool isDevelopment)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoMembers>().ApplyAsync(isDevelopment, Ct);
    }

    private static Task<User?> UserAsync(TestApp app, string email) =>
        app.WithDbAsync(d => d.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == email.ToUpperInvariant(), Ct));

    [Theory, ClassData(typeof(Databases))]
    public async Task Outside_development_no_demo_member_is_created_even_with_demo_content_on(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db, new() { ["Demo:Enabled"] = "true" });
        foreach (var m in DemoMembers.Documented) Assert.Null(await UserAsync(app, m.Email));
        Assert.Equal(0, await app.WithDbAsync(d => d.BillingSubscriptions.CountAsync(Ct)));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task In_development_the_three_documented_members_exist_in_their_states_with_a_history_behind_the_charts(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        await ApplyAsync(app, isDevelopment: true);
        var count = await app.WithDbAsync(d => d.BillingSubscriptions.CountAsync(Ct));
        await ApplyAsync(app, isDevelopment: true); // idempotent
        Assert.Equal(count, await app.WithDbAsync(d => d.BillingSubscriptions.CountAsync(Ct)));
        Assert.True(count >= 40, $"{count} subscriptions");
        var now = app.Time.GetUtcNow().UtcDateTime;

        var pro = (await UserAsync(app, DemoMembers.Pro.Email))!;
        var proSub = await app.SubscriptionAsync(pro);
        Assert.Equal(SubscriptionStatus.Active, proSub.Status);
        Assert.Equal(BillingInterval.Year, await app.WithDbAsync(d => d.BillingPrices.Where(p => p.Id == proSub.PriceId).Select(p => p.Interval).SingleAsync(Ct)));
        var proInvoice = Assert.Single(await app.InvoicesAsync(pro));
        Assert.Equal((InvoiceStatus.Paid, 30_000L), (proInvoice.Status, proInvoice.AmountPaidMinor));
        Assert.Contains("email sent: receipt", await app.HistoryAsync(pro));
        Assert.Equal(ReaderTier.Pro, await app.TierAsync(pro));

        var trial = (await UserAsync(app, DemoMembers.Trial.Email))!;
        var trialSub = await app.SubscriptionAsync(trial);
        Assert.Equal(SubscriptionStatus.Trialing, trialSub.Status);
        Assert.Equal(now.AddDays(3), trialSub.TrialEnd);
        Assert.Equal(ReaderTier.Pro, await app.TierAsync(trial));

        var late = (await UserAsync(app, DemoMembers.PastDue.Email))!;
        var lateSub = await app.SubscriptionAsync(late);
        Assert.Equal(SubscriptionStatus.PastDue, lateSub.Status);
        Assert.Equal(1, lateSub.RetryCount);
        Assert.True(lateSub.NextRetryAt > now);
        var lateInvoices = await app.InvoicesAsync(late);
        Assert.Equal([InvoiceStatus.Paid, InvoiceStatus.Open], lateInvoices.Select(i => i.Status));
        Assert.Equal(lateInvoices[1].Id, lateSub.OpenInvoiceId);
        Assert.Contains("past due", await app.HistoryAsync(late));
        Assert.Equal(ReaderTier.Pro, await app.TierAsync(late)); // access is kept while payment is retried

        // Invoice numbers stay gapless and in date order, and the counter continues after them.
        var invoices = await app.InvoicesAsync();
        Assert.Equal(Enumerable.Range(1, invoices.Count).Select(i => (long)i), invoices.Select(i => i.Sequence));
        Assert.True(invoices.Zip(invoices.Skip(1)).All(p => p.First.CreatedAt <= p.Second.CreatedAt));
        Assert.Equal(invoices.Count, await app.WithDbAsync(d => d.BillingInvoiceCounters.Select(c => c.Last).SingleAsync(Ct)));

        var report = await app.ScopedAsync<BillingMetrics, MetricsReport>(m => m.ReportAsync(Ct));
        Assert.False(report.Weekly);
        Assert.True(report.Now.Mrr.Minor > 0 && report.Now.ActiveTrials >= 6, $"{report.Now}");
        Assert.True(report.Mrr[^1] > report.Mrr[3]);
        Assert.Contains(report.Churn, c => c.Part > 0);
        Assert.Contains(report.Conversion, c => c.Part < c.Whole);

        foreach (var m in DemoMembers.Documented)
        {
            var client = app.CreateBrowserClient();
            var signIn = await client.PostFormAsync("/account/signin?handler=Password", new() { ["Email"] = m.Email, ["Password"] = m.Password });
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task Demo_members_found_outside_development_are_locked_and_lose_their_password(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        await ApplyAsync(app, isDevelopment: true);
        await ApplyAsync(app, isDevelopment: false);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        foreach (var m in DemoMembers.Documented)
        {
            var user = (await users.FindByEmailAsync(m.Email))!;
            Assert.False(await users.HasPasswordAsync(user));
            Assert.True(await users.IsLockedOutAsync(user));
        }
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task Starting_the_app_in_development_seeds_the_demo_members_through_the_startup_switch(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db, new() { ["environment"] = "Development" });
        foreach (var m in DemoMembers.Documented) Assert.NotNull(await UserAsync(app, m.Email));
        var trial = (await UserAsync(app, DemoMembers.Trial.Email))!;
        Assert.Equal(SubscriptionStatus.Trialing, (await app.SubscriptionAsync(trial)).Status);
    }
}
