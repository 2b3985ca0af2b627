using System.Security.Cryptography;
using System.Text;
using Masthead.Delivery.Outbox;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Masthead.Delivery.Bounces;

/// <summary>POST /api/v1/bounces: an MTA or a mail hook posts a raw inbound message: a DSN, or a mail to the
/// List-Unsubscribe mailto: address (see Inbound/InboundMail). Without a configured key the endpoint does not
/// exist (404); a wrong key is 401 and changes nothing; a body over Delivery:MaxBounceBytes is 413 with a problem
/// body saying so, read no further than the limit; a message
/// that is neither a hard bounce nor a valid unsubscribe is accepted and ignored.</summary>
internal static class BounceEndpoints
{
    public const string KeyHeader = "X-Masthead-Bounce-Key";
    private const long ServerSlack = 1024 * 1024;

    public static void MapBounces(this WebApplication app) => app.MapPost("/api/v1/bounces", ReceiveAsync);

    internal static async Task<Results<Ok<BounceResponse>, NotFound, UnauthorizedHttpResult, ProblemHttpResult, BadRequest<string>>> ReceiveAsync(
        HttpRequest request, IOptions<DeliveryOptions> options, Inbound.InboundMail inbound, ILoggerFactory logs, CancellationToken ct)
    {
        var o = options.Value;
        if (string.IsNullOrEmpty(o.BounceKey)) return TypedResults.NotFound();
        if (!KeyMatches(request.Headers[KeyHeader].ToString(), o.BounceKey)) return TypedResults.Unauthorized();
        var log = logs.CreateLogger(typeof(BounceEndpoints).FullName!);
        if (request.ContentLength > o.MaxBounceBytes) return TooLarge(o.MaxBounceBytes, log);
        // The server's own body limit (30 MB) would cut a larger Delivery:MaxBounceBytes short; keep it above ours,
        // with room for what the server buffers ahead, so the check below answers first and names the setting.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size
            && size.MaxRequestBodySize < o.MaxBounceBytes + ServerSlack)
        {
            size.MaxRequestBodySize = o.MaxBounceBytes + ServerSlack;
        }

        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
        {
            // Checked as it arrives: a chunked body has no Content-Length, and is never buffered past the limit.
            if (body.Length + read > o.MaxBounceBytes) return TooLarge(o.MaxBounceBytes, log);
            body.Write(buffer, 0, read);
        }
        body.Position = 0;
        MimeMessage message;
        try
        {
            message = await MimeMessage.LoadAsync(body, ct);
        }
        catch (FormatException)
        {
            return TypedResults.BadRequest("The body is not a MIME message.");
        }
        var result = await inbound.ProcessAsync(message, ct);
        return TypedResults.Ok(new BounceResponse(result.HardBounces, result.Unsubscribes));
    }

    private static ProblemHttpResult TooLarge(int max, ILogger log)
    {
        log.LogWarning("Bounce refused: the message is over Delivery:MaxBounceBytes ({Max} bytes)", max);
        return TypedResults.Problem($"The message is larger than {max} bytes (Delivery:MaxBounceBytes).",
            statusCode: StatusCodes.Status413PayloadTooLarge, title: "Message too large");
    }

    // Compared as hashes so the comparison takes the same time whatever the lengths.
    private static bool KeyMatches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}

internal sealed record BounceResponse(int HardBounces, int Unsubscribes);
