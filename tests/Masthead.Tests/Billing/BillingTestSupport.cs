using Microsoft.Extensions.Hosting;
using System.Security.Claims;
using Masthead.Accounts;
using Masthead.Billing;
using Masthead.Billing.Gateway;
using Masthead.Billing.Invoices;
using Masthead.Billing.Plans;
using Masthead.Billing.Subscriptions;
using Masthead.Membership;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Billing;

/// <summary>Drives billing the way the pages and the clock will: through BillingService, the test
/// gateway's card form, and BillingClock.RunDueAsync after moving the fake clock.</summary>
internal static class BillingTestSupport
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An app whose background billing clock is off: the test runs each pass itself.</summary>
    public static Task<TestApp> StartBillingAppAsync(Db db, Dictionary<string, string?>? settings = null)
    {
        // Tests drive the billing clock and deliver mail themselves (DeliverQueuedAsync).
        var all = new Dictionary<string, string?>(settings ?? []) { ["Billing:ClockEnabled"] = "false", ["Delivery:Enabled"] = "false" };
        return TestApp.StartAsync(db, all, WithoutPeriodicWorkers);
    }

    /// <summary>These tests move the fake clock by days and years. Every periodic worker (publisher, briefing scheduler,
    /// cleanup, clocks) would then tick once per period inside Advance, and on SQLite, whose async calls complete
    /// synchronously, each tick's database pass runs inline: a year is a million passes. Billing needs none of them.</summary>
    private static void WithoutPeriodicWorkers(IServiceCollection services)
    {
        var periodic = services.Where(d => d.ServiceType == typeof(IHostedService)
            && (d.ImplementationFactory is not null
                || d.ImplementationType == typeof(Masthead.Delivery.Outbox.DeliveryWorker)
                || d.ImplementationType == typeof(Masthead.Briefings.Subscribing.UnconfirmedCleanup))).ToList();
        foreach (var d in periodic) services.Remove(d);
    }

    public static Task<User> ReaderAsync(this TestApp app, string? email = null) =>
        app.CreateUserAsync(email ?? $"reader-{Guid.NewGuid():n}@example.test");

    public static async Task<T> BillingAsync<T>(this TestApp app, Func<BillingService, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var result = await work(scope.ServiceProvider.GetRequiredService<BillingService>());
        // Billing mail goes through the outbox: deliver it, so assertions about what was sent can be exact.
        await app.DeliverQueuedAsync();
        return result;
    }

    public static async Task<T> ScopedAsync<TService, T>(this TestApp app, Func<TService, Task<T>> work) where TService : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        var result = await work(scope.ServiceProvider.GetRequiredService<TService>());
        await app.DeliverQueuedAsync();
        return result;
    }

    public static TestPaymentGateway Gateway(this TestApp app) => app.Services.GetRequiredService<TestPaymentGateway>();

    /// <summary>What the built-in checkout page does with the typed card: a one-use token.</summary>
    public static string CardToken(this TestApp app, string number = TestCards.Succeeds)
    {
        var result = app.Gateway().Tokenize(new TestCardInput(number, 12, 2030, "123"));
        return result.Token ?? throw new InvalidOperationException(result.Error);
    }

    public static Task<int> PriceIdAsync(this TestApp app, string plan = PlanSlugs.Pro, BillingInterval interval = BillingInterval.Year) =>
        app.WithDbAsync(db => db.BillingPrices.Where(p => p.Plan!.Slug == plan && p.Interval == interval && p.Active)
            .Select(p => p.Id).SingleAsync(Ct));

    public static async Task<SubscriptionView> StartTrialAsync(this TestApp app, User user, string card = TestCards.Succeeds, int? priceId = null)
    {
        var price = priceId ?? await app.PriceIdAsync();
        return await app.BillingAsync(b => b.StartTrialAsync(user.Id, price, app.CardToken(card), Ct));
    }

    /// <summary>Moves the fake clock and runs one billing clock pass.</summary>
    public static async Task<BillingRun> AdvanceAsync(this TestApp app, TimeSpan by)
    {
        app.Time.Advance(by);
        var run = await app.Services.GetRequiredService<BillingClock>().RunDueAsync(Ct);
        await app.DeliverQueuedAsync();
        return run;
    }

    public static async Task<ReaderTier> TierAsync(this TestApp app, User user)
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Role, Roles.Reader)], "test"));
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IEntitlements>().TierAsync(principal, Ct);
    }

    public static Task<MemberSubscription> SubscriptionAsync(this TestApp app, User user) =>
        app.WithDbAsync(db => db.BillingSubscriptions.AsNoTracking().OrderByDescending(s => s.Id).FirstAsync(s => s.UserId == user.Id, Ct));

    public static Task<List<Invoice>> InvoicesAsync(this TestApp app, User? user = null) =>
        app.WithDbAsync(db => db.BillingInvoices.AsNoTracking().Include(i => i.Lines)
            .Where(i => user == null || i.UserId == user.Id).OrderBy(i => i.Sequence).ToListAsync(Ct));

    /// <summary>Subjects of the mail sent to a user.</summary>
    public static List<string> Subjects(this TestApp app, User user) =>
        Mailbox.To(app.MailDirectory, user.Email!).Select(m => m.Subject).ToList();

    public static int Count(this List<string> subjects, string startsWith) =>
        subjects.Count(s => s.StartsWith(startsWith, StringComparison.Ordinal));

    public static Task<List<string>> HistoryAsync(this TestApp app, User user) =>
        app.WithDbAsync(db => db.BillingEvents.Where(e => e.UserId == user.Id).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync(Ct));
}
