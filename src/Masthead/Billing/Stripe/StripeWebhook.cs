using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Stripe;

namespace Masthead.Billing.Stripe;

/// <summary>POST /api/v1/billing/stripe/webhook. The Stripe-Signature header is checked against the raw
/// body with the endpoint secret and a tolerance measured on the injected clock; anything unsigned,
/// mis-signed or stale is 400 and touches nothing; so is a signed body that is not a readable event (broken JSON,
/// no api_version) or an event in another API version. It is an API endpoint for Stripe's servers: no
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
        if (request.ContentLength > MaxBytes) return TooLarge(log);

        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
        {
            if (body.Length + read > MaxBytes) return TooLarge(log);
            body.Write(buffer, 0, read);
        }
        var json = Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);

        var o = options.Value;
        try
        {
            EventUtility.ValidateSignature(json, signature, o.WebhookSecret, o.WebhookToleranceSeconds, time.GetUtcNow().ToUnixTimeSeconds());
        }
        catch (StripeException e)
        {
            log.LogWarning("Stripe webhook refused: {Reason}", e.Message);
            return Results.BadRequest("Invalid Stripe webhook: " + e.Message);
        }

        // Signed by Stripe's key but not an event we can read: the sender's fault, so 400 (not a 500 that Stripe
        // would retry for days), and nothing recorded. Stripe.net throws a NullReferenceException on a missing
        // api_version and a JsonException on broken JSON, so the shape is checked before it parses.
        if (MalformedEvent(json) is { } malformed)
        {
            log.LogWarning("Stripe webhook refused: malformed event ({Reason})", malformed);
            return Results.BadRequest("Malformed Stripe event: " + malformed);
        }
        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ParseEvent(json, throwOnApiVersionMismatch: true);
        }
        catch (StripeException e)
        {
            // An event in another API version than Stripe.net's: its fields would not map.
            log.LogWarning("Stripe webhook refused: {Reason}", e.Message);
            return Results.BadRequest("Invalid Stripe webhook: " + e.Message);
        }
        catch (JsonException)
        {
            log.LogWarning("Stripe webhook refused: malformed event (a field has the wrong type)");
            return Results.BadRequest("Malformed Stripe event: a field has the wrong type.");
        }

        var outcome = await processor.ProcessAsync(stripeEvent, ct);
        return Results.Ok(new StripeWebhookResponse(stripeEvent.Id, outcome));
    }

    private static IResult TooLarge(ILogger log)
    {
        log.LogWarning("Stripe webhook refused: the body is over {Max} bytes", MaxBytes);
        return Results.Problem($"A Stripe event is at most {MaxBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Request too large");
    }

    /// <summary>Why the body is not an event Stripe.net can parse, or null when it is one.</summary>
    private static string? MalformedEvent(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return "the body is not a JSON object";
            foreach (var name in (string[])["id", "type", "api_version"])
            {
                if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String) return $"no \"{name}\" string";
            }
            return root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object ? null : "no \"data\" object";
        }
        catch (JsonException)
        {
            return "the body is not valid JSON";
        }
    }
}

internal sealed record StripeWebhookResponse(string Id, string Outcome);
