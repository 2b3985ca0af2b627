using System.Net;
using System.Text.Json.Nodes;
using Masthead.Billing.Invoices;
using Masthead.Billing.Stripe;
using Masthead.Billing.Subscriptions;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Masthead.Tests.Billing.Stripe;

public sealed class StripeWebhookTests
{
    private static DateTime Now(TestApp app) => app.Time.GetUtcNow().UtcDateTime;

    private static async Task<StripePayloads> PayloadsForNewReaderAsync(TestApp app, string suffix)
    {
        var user = await app.CreateUserAsync($"reader-{suffix}@example.test");
        var price = await app.ProYearPriceAsync();
        return new StripePayloads(user.Id, price.Id, suffix);
    }

    private static Task<int> RowCountAsync(TestApp app) => app.WithDbAsync(async db =>
        await db.StripeEvents.CountAsync() + await db.BillingSubscriptions.CountAsync() + await db.BillingInvoices.CountAsync()
        + await db.BillingCustomers.CountAsync());

    [Theory, ClassData(typeof(Databases))]
    public async Task ASignedCheckoutCompletedStartsTheReadersTrialAndLinksTheirStripeCustomer(Db db)
    {
        var (app, _) = await StripeTestApp.StartAsync(db);
        await using var _app = app;
        var p = await PayloadsForNewReaderAsync(app, "checkout");
        var payload = p.Event("evt_test_checkout", "checkout.session.completed", Now(app), p.CheckoutSession());

        var response = await app.DeliverAsync(payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await app.WithDbAsync(async d =>
        {
            var link = await d.StripeSubscriptions.SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal(p.SubscriptionId, link.StripeSubscriptionId);
            var s = await d.BillingSubscriptions.SingleAsync(x => x.Id == link.SubscriptionId, TestContext.Current.CancellationToken);
            Assert.Equal(SubscriptionStatus.Trialing, s.Status);
            Assert.Equal(Now(app).AddDays(7), s.TrialEnd);
            Assert.True(s.GrantsAccessAt(Now(app)));
            var customer = await d.BillingCustomers.SingleAsync(c => c.UserId == s.UserId, TestContext.Current.CancellationToken);
            Assert.Equal((StripeGateway.GatewayName, p.CustomerId), (customer.Gateway, customer.GatewayCustomerId));
            // One trial per person holds with Stripe too: the account is now claimed.
            Assert.True(await d.BillingTrialClaims.AnyAsync(c => c.Key == "account:" + s.UserId, TestContext.Current.CancellationToken));
            var recorded = await d.StripeEvents.SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal(("evt_test_checkout", "checkout.session.completed"), (recorded.Id, recorded.Type));
            Assert.NotNull(recorded.ProcessedAt);
        });
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AMissingOrBadSignatureOrAStaleTimestampIsRefusedWith400AndChangesNothing(Db db)
    {
        var (app, _) = await StripeTestApp.StartAsync(db);
        await using var _app = app;
        var p = await PayloadsForNewReaderAsync(app, "forged");
        var payload = p.Event("evt_test_forged", "checkout.session.completed", Now(app), p.CheckoutSession());
        var now = app.Time.GetUtcNow().ToUnixTimeSeconds();

        var tampered = payload.Replace(p.SubscriptionId, "sub_test_attacker");
        Assert.NotEqual(payload, tampered);
        var attempts = new (string What, string Body, string? Signature)[]
        {
            ("no header", payload, null),
            ("wrong secret", payload, StripeTestApp.Sign(payload, now, "whsec_someone_else")),
            ("tampered body", tampered, StripeTestApp.Sign(payload, now)),
            ("garbage", payload, "t=abc,v1=zzz"),
            ("signed 301 s ago", payload, StripeTestApp.Sign(payload, now - 301)),
        };
        foreach (var (what, body, signature) in attempts)
        {
            var response = await app.PostWebhookAsync(body, signature);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode}");
        }
        Assert.Equal(0, await RowCountAsync(app));

        // The same payload properly signed 299 s ago is still within tolerance.
        Assert.Equal(HttpStatusCode.OK, (await app.PostWebhookAsync(payload, StripeTestApp.Sign(payload, now - 299))).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(d => d.BillingSubscriptions.CountAsync()));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ASignedBodyThatIsNotAReadableEventIsRefusedWith400AndRecordsNothing(Db db)
    {
        var logs = new LogCapture();
        var (app, _) = await StripeTestApp.StartAsync(db, logs.Register);
        await using var _app = app;
        var p = await PayloadsForNewReaderAsync(app, "malformed");
        var valid = p.Event("evt_test_malformed", "checkout.session.completed", Now(app), p.CheckoutSession());
        var withoutVersion = JsonNode.Parse(valid)!.AsObject();
        withoutVersion.Remove("api_version");
        var wrongType = JsonNode.Parse(valid)!.AsObject();
        wrongType["created"] = "yesterday";
        var bodies = new (string What, string Body)[]
        {
            ("cut-off JSON", valid[..(valid.Length / 2)]),
            ("not an object", "[1, 2, 3]"),
            ("no api_version", withoutVersion.ToJsonString()),
            ("a field of the wrong type", wrongType.ToJsonString()),
        };
        foreach (var (what, body) in bodies)
        {
            logs.Clear();
            var response = await app.DeliverAsync(body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode}");
            Assert.Contains("Malformed Stripe event", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
            Assert.Single(logs.Entries, e => e.Message.StartsWith("Stripe webhook refused: malformed event", StringComparison.Ordinal));
        }
        Assert.Equal(0, await RowCountAsync(app));
        // The same event, whole and signed, goes through.
        Assert.Equal(HttpStatusCode.OK, (await app.DeliverAsync(valid)).StatusCode);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheSameEventDeliveredTwiceChangesStateOnceAndIsRecordedOnce(Db db)
    {
        var (app, _) = await StripeTestApp.StartAsync(db);
        await using var _app = app;
        var p = await PayloadsForNewReaderAsync(app, "twice");
        var now = Now(app);
        Assert.Equal(HttpStatusCode.OK, (await app.DeliverAsync(p.Event("evt_test_t1", "checkout.session.completed", now, p.CheckoutSession()))).StatusCode);
        var paid = p.Event("evt_test_t2", "invoice.paid", now.AddSeconds(5), p.Invoice("paid", 30000, now, now, now.AddYears(1)));

        var first = await app.DeliverAsync(paid);
        var afterFirst = await app.WithDbAsync(d => d.BillingSubscriptions.AsNoTracking().SingleAsync());
        var second = await app.DeliverAsync(paid);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains(StripeEventProcessor.Duplicate, await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        await app.WithDbAsync(async d =>
        {
            var s = await d.BillingSubscriptions.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal(SubscriptionStatus.Active, s.Status);
            Assert.Equal(afterFirst.Version, s.Version);
            Assert.Equal(1, await d.StripeEvents.CountAsync(e => e.Id == "evt_test_t2", TestContext.Current.CancellationToken));
            var invoice = await d.BillingInvoices.SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal((InvoiceStatus.Paid, 30000L, "USD"), (invoice.Status, invoice.AmountPaidMinor, invoice.Currency));
            Assert.Equal(1, await d.BillingEvents.CountAsync(e => e.Detail.Contains("evt_test_t2"), TestContext.Current.CancellationToken));
        });
    }

    /// <summary>Trial, failed conversion (past due), recovery, cancel at period end, a partial refund.</summary>
    private static List<string> Lifecycle(StripePayloads p, DateTime t0)
    {
        var trialEnd = t0.AddDays(7);
        var yearEnd = trialEnd.AddYears(1);
        var id = p.SubscriptionId;
        return
        [
            p.Event($"evt_{id}_1", "checkout.session.completed", t0, p.CheckoutSession()),
            p.Event($"evt_{id}_2", "customer.subscription.created", t0.AddSeconds(1), p.Subscription("trialing", t0, trialEnd, trialEnd)),
            p.Event($"evt_{id}_3", "invoice.payment_failed", trialEnd.AddSeconds(2),
                p.Invoice("open", 0, trialEnd, trialEnd, yearEnd, nextAttempt: trialEnd.AddDays(3))),
            p.Event($"evt_{id}_4", "customer.subscription.updated", trialEnd.AddSeconds(3), p.Subscription("past_due", trialEnd, yearEnd, trialEnd)),
            p.Event($"evt_{id}_5", "invoice.paid", trialEnd.AddDays(1), p.Invoice("paid", 30000, trialEnd, trialEnd, yearEnd)),
            p.Event($"evt_{id}_6", "customer.subscription.updated", trialEnd.AddDays(2),
                p.Subscription("active", trialEnd, yearEnd, trialEnd, cancelAtPeriodEnd: true, canceledAt: trialEnd.AddDays(2))),
            p.Event($"evt_{id}_7", "charge.refunded", trialEnd.AddDays(3), p.Charge(5000)),
        ];
    }

    private static Task<string> FinalStateAsync(TestApp app, string stripeSubscriptionId) => app.WithDbAsync(async d =>
    {
        var link = await d.StripeSubscriptions.AsNoTracking().SingleAsync(l => l.StripeSubscriptionId == stripeSubscriptionId);
        var s = await d.BillingSubscriptions.AsNoTracking().SingleAsync(x => x.Id == link.SubscriptionId);
        var i = await d.BillingInvoices.AsNoTracking().SingleAsync(x => x.SubscriptionId == s.Id);
        return $"{s.Status} {s.CurrentPeriodStart:O} {s.CurrentPeriodEnd:O} trial {s.TrialEnd:O} cancel {s.CancelAtPeriodEnd} {s.CanceledAt:O} "
            + $"ended {s.EndedAt:O} open {s.OpenInvoiceId} failed {s.FirstFailedAt:O} | {i.Status} {i.TotalMinor} {i.AmountPaidMinor} "
            + $"{i.AmountRefundedMinor} {i.PeriodStart:O} {i.PeriodEnd:O} {i.PaidAt:O} {i.GatewayChargeId}";
    });

    [Theory, ClassData(typeof(Databases))]
    public async Task EventsDeliveredInReverseOrderReachTheSameFinalStateAsInOrder(Db db)
    {
        var (app, _) = await StripeTestApp.StartAsync(db);
        await using var _app = app;
        var t0 = Now(app).AddMinutes(-10);
        var inOrder = await PayloadsForNewReaderAsync(app, "inorder");
        var reversed = await PayloadsForNewReaderAsync(app, "reversed");

        foreach (var payload in Lifecycle(inOrder, t0))
        {
            Assert.Equal(HttpStatusCode.OK, (await app.DeliverAsync(payload)).StatusCode);
        }
        foreach (var payload in Enumerable.Reverse(Lifecycle(reversed, t0)))
        {
            Assert.Equal(HttpStatusCode.OK, (await app.DeliverAsync(payload)).StatusCode);
        }

        var expected = await FinalStateAsync(app, inOrder.SubscriptionId);
        Assert.StartsWith("Active ", expected);
        Assert.Contains("cancel True", expected);
        Assert.Contains($"| PartiallyRefunded 30000 30000 5000", expected);
        // Stripe ids differ only by the test's suffix; everything else must match.
        Assert.Equal(expected.Replace("inorder", "reversed"), await FinalStateAsync(app, reversed.SubscriptionId));
        await app.WithDbAsync(async d =>
        {
            Assert.Equal(14, await d.StripeEvents.CountAsync(TestContext.Current.CancellationToken));
            Assert.Contains(await d.StripeEvents.Select(e => e.Outcome).ToListAsync(TestContext.Current.CancellationToken), o => o.StartsWith("stale"));
        });
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AnOlderSubscriptionEventArrivingLateDoesNotUndoANewerOne(Db db)
    {
        var (app, _) = await StripeTestApp.StartAsync(db);
        await using var _app = app;
        var p = await PayloadsForNewReaderAsync(app, "late");
        var now = Now(app);
        var end = now.AddDays(30);
        var deleted = p.Event("evt_test_late_2", "customer.subscription.deleted", now.AddSeconds(10),
            p.Subscription("canceled", now, end, null, canceledAt: now.AddSeconds(10), endedAt: now.AddSeconds(10)));
        var active = p.Event("evt_test_late_1", "customer.subscription.updated", now, p.Subscription("active", now, end, null));

        Assert.Equal(HttpStatusCode.OK, (await app.DeliverAsync(deleted)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.DeliverAsync(active)).StatusCode);

        var s = await app.WithDbAsync(d => d.BillingSubscriptions.AsNoTracking().SingleAsync());
        Assert.Equal(SubscriptionStatus.Canceled, s.Status);
        Assert.False(s.GrantsAccessAt(now.AddSeconds(20)));
    }
}
