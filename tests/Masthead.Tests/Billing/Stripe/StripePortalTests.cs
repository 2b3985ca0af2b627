using System.Net;
using Masthead.Tests.Billing.Pages;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Billing.Stripe;

/// <summary>With the Stripe gateway the account page sends members to Stripe's Customer Portal ("Manage
/// billing", a POST with antiforgery) and no longer offers the test-mode card form or the local cancel.</summary>
public sealed class StripePortalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string PortalJson = """
        {"id":"bps_test_portal","object":"billing_portal.session","url":"https://billing.stripe.com/p/session/test_portal","livemode":false}
        """;

    [Theory, ClassData(typeof(Databases))]
    public async Task Manage_billing_posts_with_a_token_and_redirects_to_the_members_portal_session(Db db)
    {
        var (app, api) = await StripeTestApp.StartAsync(db);
        await using var _app = app;
        api.Responses["POST /v1/billing_portal/sessions"] = PortalJson;
        var email = $"portal-{Guid.NewGuid():n}@example.test";
        var client = await app.SignedInClientAsync(email: email);
        var userId = await app.WithDbAsync(d => d.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct));
        var price = await app.ProYearPriceAsync();
        var p = new StripePayloads(userId, price.Id, "portal");
        var now = app.Time.GetUtcNow().UtcDateTime;
        Assert.Equal(HttpStatusCode.OK, (await app.DeliverAsync(p.Event("evt_portal_1", "checkout.session.completed", now, p.CheckoutSession()))).StatusCode);

        var html = await client.HtmlAsync("/account/billing");
        Assert.Contains("id=\"manage-billing\"", html);
        Assert.DoesNotContain("/account/billing/payment-method", html);
        Assert.DoesNotContain("href=\"/account/billing/cancel\"", html);
        var form = Assert.Single(BillingPagesSupport.PostForms(html, "/account/billing"), f => f.Action.Contains("handler=Portal", StringComparison.Ordinal));
        Assert.NotNull(form.Token);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostFormWithoutTokenAsync(form.Action, [])).StatusCode);
        Assert.DoesNotContain(api.Requests, r => r.Path == "/v1/billing_portal/sessions");

        var response = await client.PostOwnFormAsync(form.Action, [], "/account/billing");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("https://billing.stripe.com/p/session/test_portal", response.Headers.Location!.OriginalString);
        var request = Assert.Single(api.Requests, r => r.Path == "/v1/billing_portal/sessions");
        Assert.Contains($"customer={p.CustomerId}", request.Body.Split('&'));
        Assert.Contains(request.Body.Split('&'), f => f.StartsWith("return_url=", StringComparison.Ordinal) && f.EndsWith("/account/billing", StringComparison.Ordinal));

        // The local cancel would not reach Stripe: its page sends the member back to Manage billing.
        var cancel = await client.GetAsync("/account/billing/cancel", Ct);
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task A_reader_who_had_a_trial_is_refused_another_but_the_paid_path_opens_a_Checkout_Session_without_one(Db db)
    {
        var (app, api) = await StripeTestApp.StartAsync(db);
        await using var _app = app;
        api.Responses["POST /v1/checkout/sessions"] =
            """{"id":"cs_test_paid","object":"checkout.session","mode":"subscription","url":"https://checkout.stripe.com/c/pay/cs_test_paid","livemode":false}""";
        var email = $"paid-{Guid.NewGuid():n}@example.test";
        var client = await app.SignedInClientAsync(email: email);
        var userId = await app.WithDbAsync(d => d.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct));
        await app.WithDbAsync(async d =>
        {
            d.BillingTrialClaims.Add(new Masthead.Billing.Subscriptions.TrialClaim { Key = "account:" + userId, UserId = userId, SubscriptionId = 0, At = app.Time.GetUtcNow().UtcDateTime });
            await d.SaveChangesAsync(Ct);
        });
        var price = await app.ProYearPriceAsync();

        var refused = WebUtility.HtmlDecode(await client.HtmlAsync($"/billing/checkout?price={price.Id}"));
        Assert.Contains(Masthead.Billing.Subscriptions.TrialKeys.UsedMessage, refused);
        Assert.Contains($"/billing/checkout?price={price.Id}&mode=subscribe", refused);
        Assert.DoesNotContain(api.Requests, r => r.Path == "/v1/checkout/sessions");

        var paid = await client.GetAsync($"/billing/checkout?price={price.Id}&mode=subscribe", Ct);
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        Assert.Equal("https://checkout.stripe.com/c/pay/cs_test_paid", paid.Headers.Location!.OriginalString);
        var fields = Assert.Single(api.Requests, r => r.Path == "/v1/checkout/sessions").Body.Split('&');
        Assert.Contains("mode=subscription", fields);
        Assert.DoesNotContain(fields, f => f.StartsWith("subscription_data[trial_period_days]", StringComparison.Ordinal));
    }
}
