using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Masthead.Billing.Plans;
using Masthead.Billing.Stripe;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Billing.Stripe;

/// <summary>Stands in for api.stripe.com: records every request and answers from canned JSON. Anything
/// unexpected is a 500 with a Stripe-shaped error, so no test can reach Stripe's real servers.</summary>
public sealed class FakeStripeApi : HttpMessageHandler
{
    public ConcurrentQueue<(HttpMethod Method, string Path, string Body, string? IdempotencyKey)> Requests { get; } = new();
    public Dictionary<string, string> Responses { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(ct);
        var key = request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.First() : null;
        var path = request.RequestUri!.AbsolutePath;
        Requests.Enqueue((request.Method, path, WebUtility.UrlDecode(body), key));
        var found = Responses.TryGetValue($"{request.Method} {path}", out var json);
        return new HttpResponseMessage(found ? HttpStatusCode.OK : HttpStatusCode.InternalServerError)
        {
            Content = new StringContent(found ? json! : """{"error":{"type":"api_error","message":"not faked"}}""", Encoding.UTF8, "application/json"),
        };
    }
}

/// <summary>An app with Billing:Gateway=stripe, a test webhook secret and the fake API.</summary>
public static class StripeTestApp
{
    public const string WebhookSecret = "whsec_masthead_test_0123456789abcdef";
    public const string StripeProYearPrice = "price_test_pro_year";

    public static Dictionary<string, string?> Settings() => new()
    {
        ["Billing:Gateway"] = "stripe",
        ["Billing:Stripe:SecretKey"] = "sk_test_masthead_fake",
        ["Billing:Stripe:WebhookSecret"] = WebhookSecret,
        // Never resolvable: if the fake handler were bypassed, the call fails instead of reaching Stripe.
        ["Billing:Stripe:ApiBase"] = "https://stripe-fake.invalid",
        ["Billing:Stripe:Prices:pro-year"] = StripeProYearPrice,
    };

    public static async Task<(TestApp App, FakeStripeApi Api)> StartAsync(Db db, Action<IServiceCollection>? services = null)
    {
        var api = new FakeStripeApi();
        var app = await TestApp.StartAsync(db, Settings(), s =>
        {
            s.AddHttpClient(StripeModule.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => api);
            services?.Invoke(s);
        });
        return (app, api);
    }

    public static Task<Price> ProYearPriceAsync(this TestApp app) => app.WithDbAsync(db => db.BillingPrices.AsNoTracking().Include(p => p.Plan)
        .FirstAsync(p => p.Plan!.Slug == PlanSlugs.Pro && p.Interval == BillingInterval.Year && p.Active));

    /// <summary>Signs a payload as Stripe documents: t=timestamp,v1=hex(HMAC-SHA256(secret, "{t}.{payload}")).</summary>
    public static string Sign(string payload, long timestamp, string secret = WebhookSecret)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    public static Task<HttpResponseMessage> PostWebhookAsync(this TestApp app, string payload, string? signature)
    {
        var client = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/billing/stripe/webhook")
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        if (signature is not null) request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Signed "now" on the app's fake clock, as Stripe would send it.</summary>
    public static Task<HttpResponseMessage> DeliverAsync(this TestApp app, string payload) =>
        app.PostWebhookAsync(payload, Sign(payload, app.Time.GetUtcNow().ToUnixTimeSeconds()));
}

/// <summary>Stripe-format event payloads (API version of the pinned Stripe.net) for one subscription.</summary>
public sealed class StripePayloads(string userId, int priceId, string suffix)
{
    public string SubscriptionId { get; } = "sub_test_" + suffix;
    public string CustomerId { get; } = "cus_test_" + suffix;
    public string InvoiceId { get; } = "in_test_" + suffix;
    public string PaymentIntentId { get; } = "pi_test_" + suffix;
    public string ChargeId { get; } = "ch_test_" + suffix;

    private Dictionary<string, object?> Metadata => new()
    {
        [StripeGateway.UserIdKey] = userId, [StripeGateway.PriceIdKey] = priceId.ToString(CultureInfo.InvariantCulture),
    };

    public static long Unix(DateTime utc) => new DateTimeOffset(utc).ToUnixTimeSeconds();

    public string Event(string id, string type, DateTime created, object data) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["id"] = id, ["object"] = "event", ["api_version"] = global::Stripe.StripeConfiguration.ApiVersion,
        ["created"] = Unix(created), ["livemode"] = false, ["pending_webhooks"] = 1,
        ["request"] = new Dictionary<string, object?> { ["id"] = null, ["idempotency_key"] = null },
        ["type"] = type, ["data"] = new Dictionary<string, object?> { ["object"] = data },
    });

    public object CheckoutSession() => new Dictionary<string, object?>
    {
        ["id"] = "cs_test_" + suffix, ["object"] = "checkout.session", ["mode"] = "subscription", ["status"] = "complete",
        ["payment_status"] = "no_payment_required", ["client_reference_id"] = userId, ["customer"] = CustomerId,
        ["subscription"] = SubscriptionId, ["metadata"] = Metadata, ["livemode"] = false,
    };

    public object Subscription(string status, DateTime periodStart, DateTime periodEnd, DateTime? trialEnd,
        bool cancelAtPeriodEnd = false, DateTime? canceledAt = null, DateTime? endedAt = null) => new Dictionary<string, object?>
    {
        ["id"] = SubscriptionId, ["object"] = "subscription", ["customer"] = CustomerId, ["status"] = status,
        ["cancel_at_period_end"] = cancelAtPeriodEnd, ["cancel_at"] = cancelAtPeriodEnd ? Unix(periodEnd) : null,
        ["canceled_at"] = canceledAt is { } c ? Unix(c) : null, ["ended_at"] = endedAt is { } e ? Unix(e) : null,
        ["trial_end"] = trialEnd is { } t ? Unix(t) : null, ["metadata"] = Metadata, ["livemode"] = false,
        ["items"] = new Dictionary<string, object?>
        {
            ["object"] = "list", ["has_more"] = false, ["url"] = "/v1/subscription_items?subscription=" + SubscriptionId,
            ["data"] = new[]
            {
                new Dictionary<string, object?>
                {
                    ["id"] = "si_test_" + suffix, ["object"] = "subscription_item", ["quantity"] = 1,
                    ["current_period_start"] = Unix(periodStart), ["current_period_end"] = Unix(periodEnd),
                    ["price"] = new Dictionary<string, object?>
                    {
                        ["id"] = StripeTestApp.StripeProYearPrice, ["object"] = "price", ["currency"] = "usd", ["unit_amount"] = 30000,
                        ["recurring"] = new Dictionary<string, object?> { ["interval"] = "year", ["interval_count"] = 1 },
                    },
                },
            },
        },
    };

    public object Invoice(string status, long amountPaid, DateTime created, DateTime periodStart, DateTime periodEnd, DateTime? nextAttempt = null) =>
        new Dictionary<string, object?>
        {
            ["id"] = InvoiceId, ["object"] = "invoice", ["customer"] = CustomerId, ["status"] = status, ["currency"] = "usd",
            ["subtotal"] = 30000, ["total"] = 30000, ["total_excluding_tax"] = 30000, ["amount_due"] = 30000,
            ["amount_paid"] = amountPaid, ["amount_remaining"] = 30000 - amountPaid, ["created"] = Unix(created),
            ["period_start"] = Unix(periodStart), ["period_end"] = Unix(periodStart), ["billing_reason"] = "subscription_cycle",
            ["next_payment_attempt"] = nextAttempt is { } n ? Unix(n) : null, ["livemode"] = false,
            ["parent"] = new Dictionary<string, object?>
            {
                ["type"] = "subscription_details",
                ["subscription_details"] = new Dictionary<string, object?> { ["subscription"] = SubscriptionId, ["metadata"] = Metadata },
            },
            ["lines"] = new Dictionary<string, object?>
            {
                ["object"] = "list", ["has_more"] = false, ["url"] = $"/v1/invoices/{InvoiceId}/lines",
                ["data"] = new[]
                {
                    new Dictionary<string, object?>
                    {
                        ["id"] = "il_test_" + suffix, ["object"] = "line_item", ["amount"] = 30000, ["currency"] = "usd",
                        ["description"] = "1 × PRO Individual (at $300.00 / year)", ["quantity"] = 1,
                        ["period"] = new Dictionary<string, object?> { ["start"] = Unix(periodStart), ["end"] = Unix(periodEnd) },
                    },
                },
            },
            ["payments"] = new Dictionary<string, object?>
            {
                ["object"] = "list", ["has_more"] = false, ["url"] = "/v1/invoice_payments",
                ["data"] = new[]
                {
                    new Dictionary<string, object?>
                    {
                        ["id"] = "inpay_test_" + suffix, ["object"] = "invoice_payment", ["status"] = amountPaid > 0 ? "paid" : "open",
                        ["amount_paid"] = amountPaid, ["amount_requested"] = 30000, ["currency"] = "usd", ["is_default"] = true,
                        ["payment"] = new Dictionary<string, object?> { ["type"] = "payment_intent", ["payment_intent"] = PaymentIntentId },
                    },
                },
            },
        };

    public object Charge(long amountRefunded) => new Dictionary<string, object?>
    {
        ["id"] = ChargeId, ["object"] = "charge", ["amount"] = 30000, ["amount_captured"] = 30000, ["amount_refunded"] = amountRefunded,
        ["currency"] = "usd", ["customer"] = CustomerId, ["payment_intent"] = PaymentIntentId, ["paid"] = true,
        ["refunded"] = amountRefunded >= 30000, ["status"] = "succeeded", ["livemode"] = false,
    };
}
