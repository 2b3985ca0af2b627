namespace Masthead.Billing.Stripe;

/// <summary>Settings bound from "Billing:Stripe". Keys come from user secrets or the environment
/// (Billing__Stripe__SecretKey), never from a committed file.</summary>
public sealed class StripeOptions
{
    public const string Section = "Billing:Stripe";

    /// <summary>sk_test_… or sk_live_… (a restricted key with Checkout, Customer portal, Refunds and Customers write is enough).</summary>
    public string? SecretKey { get; set; }
    /// <summary>whsec_… of the webhook endpoint (or of `stripe listen`).</summary>
    public string? WebhookSecret { get; set; }
    /// <summary>How old a signed webhook may be, in seconds (Stripe's own default is 300).</summary>
    public int WebhookToleranceSeconds { get; set; } = 300;
    /// <summary>Where the customer portal sends the member back; relative URLs are resolved against Site:BaseUrl.</summary>
    public string PortalReturnUrl { get; set; } = "/account/billing";
    /// <summary>Our price → Stripe price id. Keys: our Price id ("3") or "{planSlug}-{interval}" ("pro-year", "pro-month").</summary>
    public Dictionary<string, string> Prices { get; set; } = [];
    /// <summary>Overrides Stripe's API address; only tests set it (to a loopback fake).</summary>
    public string? ApiBase { get; set; }
}
