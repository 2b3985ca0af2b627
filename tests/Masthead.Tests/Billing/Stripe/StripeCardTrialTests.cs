using System.Net;
using Masthead.Billing.Stripe;
using Masthead.Billing.Subscriptions;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Billing.Stripe;

/// <summary>One trial per card with Stripe: the subscription's default payment method is read from the API
/// (webhook payloads carry only its id) and its card fingerprint claimed; a second subscription on a card
/// that already had a trial gets trial_end=now (Stripe's documented way to end a trial immediately).</summary>
public sealed class StripeCardTrialTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string PaymentMethod(string id, string fingerprint, string last4) => $$"""
        {"id":"{{id}}","object":"payment_method","type":"card","livemode":false,
         "card":{"brand":"visa","last4":"{{last4}}","exp_month":12,"exp_year":2030,"fingerprint":"{{fingerprint}}","funding":"credit","country":"US"} }
        """;

    private static async Task<(StripePayloads Payloads, string UserId)> ReaderAsync(TestApp app, string suffix)
    {
        var user = await app.CreateUserAsync($"card-{suffix}-{Guid.NewGuid():n}@example.test");
        return (new StripePayloads(user.Id, (await app.ProYearPriceAsync()).Id, suffix), user.Id);
    }

    /// <summary>customer.subscription.{created|updated}, trialing, with the card as the default payment method.</summary>
    private static Task<HttpResponseMessage> TrialingAsync(TestApp app, StripePayloads p, string eventId, string methodId, int secondsLater = 0)
    {
        var now = app.Time.GetUtcNow().UtcDateTime.AddSeconds(secondsLater);
        var sub = (Dictionary<string, object?>)p.Subscription("trialing", now, now.AddDays(7), now.AddDays(7));
        sub["default_payment_method"] = methodId;
        return app.DeliverAsync(p.Event(eventId, secondsLater == 0 ? "customer.subscription.created" : "customer.subscription.updated", now, sub));
    }

    private static int TrialEndCalls(FakeStripeApi api, StripePayloads p) =>
        api.Requests.Count(r => r.Method == HttpMethod.Post && r.Path == "/v1/subscriptions/" + p.SubscriptionId);

    /// <summary>Stripe's answer to the trial_end=now update of <paramref name="p"/>'s subscription.</summary>
    private static void StripeEndsTrialOf(FakeStripeApi api, StripePayloads p) => api.Responses["POST /v1/subscriptions/" + p.SubscriptionId] =
        $$"""{"id":"{{p.SubscriptionId}}","object":"subscription","status":"active","customer":"{{p.CustomerId}}","livemode":false}""";

    /// <summary>A reader whose card (payment method pm_test_{name}2) already gave another reader a trial (pm_test_{name}1, same fingerprint).</summary>
    private static async Task<(StripePayloads Payloads, string UserId)> SecondReaderOnACardUsedAsync(TestApp app, FakeStripeApi api, string name)
    {
        api.Responses[$"GET /v1/payment_methods/pm_test_{name}1"] = PaymentMethod($"pm_test_{name}1", "fp" + name, "4242");
        api.Responses[$"GET /v1/payment_methods/pm_test_{name}2"] = PaymentMethod($"pm_test_{name}2", "fp" + name, "4242");
        var (first, _) = await ReaderAsync(app, name + "1");
        var second = await ReaderAsync(app, name + "2");
        Assert.Equal(HttpStatusCode.OK, (await TrialingAsync(app, first, $"evt_{name}_1", $"pm_test_{name}1")).StatusCode);
        return second;
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task A_card_that_already_had_a_trial_gets_its_new_trial_ended_now_and_that_is_recorded(Db db)
    {
        var (app, api) = await StripeTestApp.StartAsync(db);
        await using var _app = app;
        api.Responses["GET /v1/payment_methods/pm_test_first"] = PaymentMethod("pm_test_first", "fpSameCard0001", "4242");
        api.Responses["GET /v1/payment_methods/pm_test_again"] = PaymentMethod("pm_test_again", "fpSameCard0001", "4242");
        api.Responses["GET /v1/payment_methods/pm_test_other"] = PaymentMethod("pm_test_other", "fpOtherCard002", "4444");
        var (first, _) = await ReaderAsync(app, "first");
        var (second, secondUser) = await ReaderAsync(app, "second");
        var (third, _) = await ReaderAsync(app, "third");
        StripeEndsTrialOf(api, second);

        // The first trial on the card: claimed, left alone.
        Assert.Equal(HttpStatusCode.OK, (await TrialingAsync(app, first, "evt_card_1", "pm_test_first")).StatusCode);
        Assert.Equal(0, TrialEndCalls(api, first));
        Assert.True(await app.WithDbAsync(d => d.BillingTrialClaims.AnyAsync(c => c.Key == "card:fpSameCard0001", Ct)));

        // Another account, the same card: Stripe is asked to end the trial now, once, with an idempotency key.
        Assert.Equal(HttpStatusCode.OK, (await TrialingAsync(app, second, "evt_card_2", "pm_test_again")).StatusCode);
        var call = Assert.Single(api.Requests, r => r.Method == HttpMethod.Post && r.Path == "/v1/subscriptions/" + second.SubscriptionId);
        Assert.Contains("trial_end=now", call.Body.Split('&'));
        Assert.False(string.IsNullOrEmpty(call.IdempotencyKey));
        await app.WithDbAsync(async d =>
        {
            var s = await d.BillingSubscriptions.SingleAsync(x => x.UserId == secondUser, Ct);
            Assert.Equal(app.Time.GetUtcNow().UtcDateTime, s.TrialEnd);
            var recorded = await d.BillingEvents.SingleAsync(x => x.SubscriptionId == s.Id && x.Type == StripeEventProcessor.CardTrialEnded, Ct);
            Assert.Contains("•••• 4242", recorded.Detail);
            var customer = await d.BillingCustomers.SingleAsync(c => c.UserId == secondUser, Ct);
            Assert.Equal(("Visa", "4242", "fpSameCard0001"), (customer.CardBrand, customer.CardLast4, customer.CardFingerprint));
        });

        // A later trialing snapshot (sent before Stripe applied the change) does not ask again.
        Assert.Equal(HttpStatusCode.OK, (await TrialingAsync(app, second, "evt_card_3", "pm_test_again", secondsLater: 1)).StatusCode);
        Assert.Equal(1, TrialEndCalls(api, second));

        // A different card keeps its trial.
        Assert.Equal(HttpStatusCode.OK, (await TrialingAsync(app, third, "evt_card_4", "pm_test_other")).StatusCode);
        Assert.Equal(0, TrialEndCalls(api, third));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task A_card_added_after_the_trial_started_is_checked_when_the_update_that_brings_it_arrives(Db db)
    {
        var (app, api) = await StripeTestApp.StartAsync(db);
        await using var _app = app;
        var (later, laterUser) = await SecondReaderOnACardUsedAsync(app, api, "later");
        StripeEndsTrialOf(api, later);

        // The trial starts with no card on the subscription: nothing to check yet, nothing asked of Stripe.
        var now = app.Time.GetUtcNow().UtcDateTime;
        var bare = later.Subscription("trialing", now, now.AddDays(7), now.AddDays(7));
        Assert.Equal(HttpStatusCode.OK, (await app.DeliverAsync(later.Event("evt_later_2", "customer.subscription.created", now, bare))).StatusCode);
        Assert.DoesNotContain(api.Requests, r => r.Path == "/v1/payment_methods/pm_test_later2");
        Assert.Equal(0, TrialEndCalls(api, later));

        // The card arrives in an update while still trialing; it already had a trial, so this one ends now, once.
        Assert.Equal(HttpStatusCode.OK, (await TrialingAsync(app, later, "evt_later_3", "pm_test_later2", secondsLater: 1)).StatusCode);
        Assert.Equal(1, TrialEndCalls(api, later));
        Assert.True(await app.WithDbAsync(d => d.BillingEvents.AnyAsync(x => x.UserId == laterUser && x.Type == StripeEventProcessor.CardTrialEnded, Ct)));
        Assert.Equal(HttpStatusCode.OK, (await TrialingAsync(app, later, "evt_later_4", "pm_test_later2", secondsLater: 2)).StatusCode);
        Assert.Equal(1, TrialEndCalls(api, later));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task When_Stripe_cannot_end_the_trial_the_event_fails_and_is_not_recorded_so_Stripe_delivers_it_again(Db db)
    {
        var (app, api) = await StripeTestApp.StartAsync(db);
        await using var _app = app;
        var (second, secondUser) = await SecondReaderOnACardUsedAsync(app, api, "retry");

        // No fake answer for the update: the API call fails (500 from the fake).
        var failed = await TrialingAsync(app, second, "evt_retry_2", "pm_test_retry2");
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.False(await app.WithDbAsync(d => d.StripeEvents.AnyAsync(x => x.Id == "evt_retry_2", Ct)));
        Assert.False(await app.WithDbAsync(d => d.BillingSubscriptions.AnyAsync(x => x.UserId == secondUser, Ct)));

        StripeEndsTrialOf(api, second);
        Assert.Equal(HttpStatusCode.OK, (await TrialingAsync(app, second, "evt_retry_2", "pm_test_retry2")).StatusCode);
        Assert.True(await app.WithDbAsync(d => d.BillingEvents.AnyAsync(x => x.UserId == secondUser && x.Type == StripeEventProcessor.CardTrialEnded, Ct)));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task A_paid_checkout_without_a_trial_links_an_active_subscription_not_a_provisional_trial(Db db)
    {
        var (app, _) = await StripeTestApp.StartAsync(db);
        await using var _app = app;
        var (p, userId) = await ReaderAsync(app, "paidnow");
        var session = (Dictionary<string, object?>)p.CheckoutSession();
        session["payment_status"] = "paid";
        Assert.Equal(HttpStatusCode.OK, (await app.DeliverAsync(p.Event("evt_paid_1", "checkout.session.completed", app.Time.GetUtcNow().UtcDateTime, session))).StatusCode);

        var s = await app.WithDbAsync(d => d.BillingSubscriptions.AsNoTracking().SingleAsync(x => x.UserId == userId, Ct));
        Assert.Equal(SubscriptionStatus.Active, s.Status);
        Assert.Null(s.TrialEnd);
        Assert.Equal(app.Time.GetUtcNow().UtcDateTime.AddYears(1), s.CurrentPeriodEnd);
    }
}
