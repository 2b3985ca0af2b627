using System.Text;
using Microsoft.Extensions.Options;
using Stripe;

namespace Masthead.Billing.Stripe;

/// <summary>POST /api/v1/billing/stripe/webhook. The Stripe-Signature header is checked against the raw
/// body with the endpoint secret and a tolerance measured on the injected clock; anything unsigned,
/// mis-signed or stale is 400 and touches nothing. It is an API endpoint for Stripe's servers: no
/// cookies, so no antiforgery token, and no per-IP form limit (Stripe sends bursts from few addresses).</summary>
internal static class StripeWebhook
{
    public const string Route = "/api/v1/billing/stripe/webhook";
    private const int MaxBytes = 512 * 1024;

    internal static async Task<IResult> ReceiveAsync(HttpRequest request, IOptions<StripeOptions> options, TimeProvider time,
        StripeEventProcessor processor, ILoggerFactory logs, CancellationToken ct)
    {
        var log = logs.CreateLogger(typeof(StripeWebhook).FullName!);
        var signature = request.Headers["Stripe-Signature"].ToString();
        if (string.IsNullOrEmpty(signature)) return Results.BadRequest("Missing Stripe-Signature header.");
        if (request.ContentLength > MaxBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);

        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
        {
            if (body.Length + read > MaxBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            body.Write(buffer, 0, read);
        }
        var json = Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);

        Event stripeEvent;
        try
        {
            var o = options.Value;
            stripeEvent = EventUtility.ConstructEvent(json, signature, o.WebhookSecret, o.WebhookToleranceSeconds,
                time.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: true);
        }
        catch (StripeException e)
        {
            // Covers a bad or stale signature and an event in another API version than Stripe.net's.
            log.LogWarning("Stripe webhook refused: {Reason}", e.Message);
            return Results.BadRequest("Invalid Stripe webhook: " + e.Message);
        }

        var outcome = await processor.ProcessAsync(stripeEvent, ct);
        return Results.Ok(new StripeWebhookResponse(stripeEvent.Id, outcome));
    }
}

internal sealed record StripeWebhookResponse(string Id, string Outcome);
