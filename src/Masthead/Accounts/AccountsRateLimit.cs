using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Masthead.Accounts;

/// <summary>Per-IP limit on the account forms' POSTs (sign-in, sign-up, magic link). GETs are free:
/// showing a form costs nothing. The per-address limit on magic links lives in
/// <see cref="MagicLinks.RequestAsync"/> because it needs the posted, normalised address.</summary>
internal sealed class AccountsRateLimit(IOptions<AccountsOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "accounts";

    public RateLimitPartition<string> GetPartition(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method)) return RateLimitPartition.GetNoLimiter("");
        var o = options.Value;
        var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = o.IpPermitLimit,
            Window = o.IpWindow,
            QueueLimit = 0,
        });
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (ctx, ct) =>
        TooManyAttempts.WriteAsync(ctx.HttpContext,
            ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : options.Value.IpWindow, ct);
}

internal static class TooManyAttempts
{
    public const string Message = "Too many attempts from your connection. Please wait a minute and try again.";

    /// <summary>A small standalone page: the limiter answers before Razor Pages runs.</summary>
    public static async ValueTask WriteAsync(HttpContext context, TimeSpan retryAfter, CancellationToken ct)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Too many attempts</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main id="main"><div class="form-card">
            <h1>Slow down a little</h1>
            <p class="notice" role="alert">{Message}</p>
            <p><a href="/account/signin">Back to sign in</a></p>
            </div></main></body>
            </html>
            """, ct);
    }
}
