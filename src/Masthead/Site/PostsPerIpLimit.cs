using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Masthead.Site;

/// <summary>A fixed-window limit on a public form's POSTs per client IP; GETs are free, showing a form
/// costs nothing. Each feature names its policy and reads its own limits from its options.</summary>
internal abstract class PostsPerIpLimit : IRateLimiterPolicy<string>
{
    protected abstract int PermitLimit { get; }
    protected abstract TimeSpan Window { get; }
    /// <summary>Where the "too many attempts" page sends the visitor back to, and its wording.</summary>
    protected abstract (string Href, string Text) BackLink { get; }

    public RateLimitPartition<string> GetPartition(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method)) return RateLimitPartition.GetNoLimiter("");
        var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var (limit, window) = (PermitLimit, Window);
        return RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = window,
            QueueLimit = 0,
        });
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (ctx, ct) =>
        TooManyAttempts.WriteAsync(ctx.HttpContext,
            ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : Window, BackLink, ct);
}

internal static class TooManyAttempts
{
    public const string Message = "Too many attempts from your connection. Please wait a minute and try again.";

    /// <summary>A small standalone page: the limiter answers before Razor Pages runs.</summary>
    public static async ValueTask WriteAsync(HttpContext context, TimeSpan retryAfter, (string Href, string Text) back, CancellationToken ct)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Too many attempts</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main id="main"><div class="form-card">
            <h1>Slow down a little</h1>
            <p class="notice" role="alert">{Message}</p>
            <p><a href="{WebUtility.HtmlEncode(back.Href)}">{WebUtility.HtmlEncode(back.Text)}</a></p>
            </div></main></body>
            </html>
            """, ct);
    }
}
