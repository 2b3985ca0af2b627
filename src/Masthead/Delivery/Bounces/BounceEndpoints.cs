using System.Security.Cryptography;
using System.Text;
using Masthead.Delivery.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Masthead.Delivery.Bounces;

/// <summary>POST /api/v1/bounces: an MTA or a mail hook posts a raw inbound message: a DSN, or a mail to the
/// List-Unsubscribe mailto: address (see Inbound/InboundMail). Without a configured key the endpoint does not
/// exist (404); a wrong key is 401 and changes nothing; a body over Delivery:MaxBounceBytes is 413; a message
/// that is neither a hard bounce nor a valid unsubscribe is accepted and ignored.</summary>
internal static class BounceEndpoints
{
    public const string KeyHeader = "X-Masthead-Bounce-Key";

    public static void MapBounces(this WebApplication app) => app.MapPost("/api/v1/bounces", ReceiveAsync);

    internal static async Task<Results<Ok<BounceResponse>, NotFound, UnauthorizedHttpResult, PayloadTooLarge, BadRequest<string>>> ReceiveAsync(
        HttpRequest request, IOptions<DeliveryOptions> options, Inbound.InboundMail inbound, CancellationToken ct)
    {
        var o = options.Value;
        if (string.IsNullOrEmpty(o.BounceKey)) return TypedResults.NotFound();
        if (!KeyMatches(request.Headers[KeyHeader].ToString(), o.BounceKey)) return TypedResults.Unauthorized();
        if (request.ContentLength > o.MaxBounceBytes) return new PayloadTooLarge();

        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
        {
            if (body.Length + read > o.MaxBounceBytes) return new PayloadTooLarge();
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

    // Compared as hashes so the comparison takes the same time whatever the lengths.
    private static bool KeyMatches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}

internal sealed record BounceResponse(int HardBounces, int Unsubscribes);

/// <summary>413 Payload Too Large as a typed result.</summary>
internal sealed class PayloadTooLarge : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status413PayloadTooLarge;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return Task.CompletedTask;
    }
}
