using System.Net;
using System.Security.Claims;
using Masthead.Billing.Subscriptions;
using Masthead.Membership;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Billing.Stripe;

/// <summary>What the paywall sees for a member whose subscription Stripe runs.</summary>
public sealed class StripeAccessTests
{
    private static async Task<ReaderTier> TierAsync(TestApp app, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var reader = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test"));
        return await scope.ServiceProvider.GetRequiredService<IEntitlements>().TierAsync(reader, TestContext.Current.CancellationToken);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task APastDueStripeMemberKeepsProWhileStripeRetriesAndLosesItWhenTheSubscriptionIsDeleted(Db db)
    {
        var (app, _) = await StripeTestApp.StartAsync(db);
        await using var _app = app;
        var user = await app.CreateUserAsync("pastdue@example.test");
        var p = new StripePayloads(user.Id, (await app.ProYearPriceAsync()).Id, "pastdue");
        var now = app.Time.GetUtcNow().UtcDateTime;
        var end = now.AddYears(1);
        Assert.Equal(ReaderTier.Free, await TierAsync(app, user.Id));

        await app.DeliverAsync(p.Event("evt_pd_1", "customer.subscription.created", now, p.Subscription("active", now, end, null)));
        Assert.Equal(ReaderTier.Pro, await TierAsync(app, user.Id));

        var failed = await app.DeliverAsync(p.Event("evt_pd_2", "invoice.payment_failed", now.AddSeconds(1),
            p.Invoice("open", 0, now, now, end, nextAttempt: now.AddDays(3))));
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        var s = await app.WithDbAsync(d => d.BillingSubscriptions.AsNoTracking().SingleAsync());
        Assert.Equal((SubscriptionStatus.PastDue, now.AddDays(3)), (s.Status, s.NextRetryAt!.Value));
        Assert.NotNull(s.OpenInvoiceId);
        Assert.Equal(ReaderTier.Pro, await TierAsync(app, user.Id));

        await app.DeliverAsync(p.Event("evt_pd_3", "customer.subscription.deleted", now.AddDays(7),
            p.Subscription("canceled", now, end, null, canceledAt: now.AddDays(7), endedAt: now.AddDays(7))));
        s = await app.WithDbAsync(d => d.BillingSubscriptions.AsNoTracking().SingleAsync());
        Assert.Equal(SubscriptionStatus.Canceled, s.Status);
        Assert.Null(s.OpenInvoiceId);
        Assert.Equal(ReaderTier.Free, await TierAsync(app, user.Id));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ACancellationAtPeriodEndKeepsProUntilStripeEndsItAndThenTheSubscriptionIsExpired(Db db)
    {
        var (app, _) = await StripeTestApp.StartAsync(db);
        await using var _app = app;
        var user = await app.CreateUserAsync("leaving@example.test");
        var p = new StripePayloads(user.Id, (await app.ProYearPriceAsync()).Id, "leaving");
        var now = app.Time.GetUtcNow().UtcDateTime;
        var end = now.AddDays(30);

        await app.DeliverAsync(p.Event("evt_cx_1", "customer.subscription.updated", now,
            p.Subscription("active", now.AddDays(-335), end, null, cancelAtPeriodEnd: true, canceledAt: now)));
        Assert.Equal(ReaderTier.Pro, await TierAsync(app, user.Id));

        await app.DeliverAsync(p.Event("evt_cx_2", "customer.subscription.deleted", end,
            p.Subscription("canceled", now.AddDays(-335), end, null, cancelAtPeriodEnd: true, canceledAt: now, endedAt: end)));

        var s = await app.WithDbAsync(d => d.BillingSubscriptions.AsNoTracking().SingleAsync());
        Assert.Equal((SubscriptionStatus.Expired, end), (s.Status, s.EndedAt!.Value));
        Assert.Equal(ReaderTier.Free, await TierAsync(app, user.Id));
    }

    [Fact]
    public async Task WithTheTestModeGatewayTheStripeWebhookDoesNotExist()
    {
        await using var app = await TestApp.StartAsync();
        var payload = """{"id":"evt_x","object":"event"}""";

        var response = await app.PostWebhookAsync(payload, StripeTestApp.Sign(payload, app.Time.GetUtcNow().ToUnixTimeSeconds()));

        // No such endpoint: 404, or 405 where a page route of the same shape answers GET only.
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        Assert.Equal(0, await app.WithDbAsync(d => d.StripeEvents.CountAsync()));
    }
}
