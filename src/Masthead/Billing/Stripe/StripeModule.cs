using Masthead.Billing.Gateway;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Stripe;

namespace Masthead.Billing.Stripe;

/// <summary>Wires the Stripe gateway when Billing:Gateway is "stripe"; otherwise adds nothing, so the
/// test-mode gateway stays the default and the webhook route does not exist.</summary>
public static class StripeModule
{
    /// <summary>The named HttpClient Stripe.net sends through (tests give it a fake handler).</summary>
    public const string HttpClientName = "stripe";

    public static bool IsEnabled(IConfiguration config) =>
        string.Equals(config[$"{BillingOptions.Section}:Gateway"], StripeGateway.GatewayName, StringComparison.OrdinalIgnoreCase);

    public static WebApplicationBuilder AddStripeGateway(this WebApplicationBuilder builder)
    {
        if (!IsEnabled(builder.Configuration)) return builder;
        // Stripe runs trial ends, renewals, retries and expiry itself and tells us by webhook; our billing
        // clock would try to charge the same periods. Off unless Billing:ClockEnabled is set explicitly.
        if (builder.Configuration[$"{BillingOptions.Section}:ClockEnabled"] is null)
        {
            builder.Configuration.AddInMemoryCollection([new($"{BillingOptions.Section}:ClockEnabled", "false")]);
        }
        var s = builder.Services;
        s.AddOptions<StripeOptions>().BindConfiguration(StripeOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.SecretKey),
                "Billing:Gateway is \"stripe\" but Billing:Stripe:SecretKey is not set. Put the sk_test_/sk_live_ key in user secrets or the Billing__Stripe__SecretKey environment variable.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.WebhookSecret),
                "Billing:Gateway is \"stripe\" but Billing:Stripe:WebhookSecret is not set. Use the endpoint's whsec_ signing secret (or the one `stripe listen` prints) via Billing__Stripe__WebhookSecret.")
            .Validate(o => o.WebhookToleranceSeconds is > 0 and <= 3600, "Billing:Stripe:WebhookToleranceSeconds must be between 1 and 3600.")
            .ValidateOnStart();
        s.AddHttpClient(HttpClientName);
        s.AddSingleton<IStripeClient>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StripeOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
            return new StripeClient(o.SecretKey, httpClient: new SystemNetHttpClient(http, maxNetworkRetries: 2, appInfo: null, enableTelemetry: false),
                apiBase: string.IsNullOrEmpty(o.ApiBase) ? null : o.ApiBase);
        });
        s.AddScoped<StripeGateway>();
        s.Replace(ServiceDescriptor.Scoped<IPaymentGateway>(sp => sp.GetRequiredService<StripeGateway>()));
        s.AddScoped<StripeEventProcessor>();
        s.AddScoped<StripeInvoiceMirror>();
        s.AddScoped<StripeCardTrials>();
        return builder;
    }

    public static WebApplication MapStripe(this WebApplication app)
    {
        if (IsEnabled(app.Configuration)) app.MapPost(StripeWebhook.Route, StripeWebhook.ReceiveAsync);
        return app;
    }
}
