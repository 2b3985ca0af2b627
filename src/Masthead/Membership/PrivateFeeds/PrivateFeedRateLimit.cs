using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Masthead.Membership.PrivateFeeds;

/// <summary>A fixed-window limit per feed token (the route's token, known or not), so one leaked or
/// misconfigured reader cannot load the site; other members' feeds are untouched.</summary>
internal sealed class PrivateFeedRateLimit(IOptions<PrivateFeedOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "private-feeds";

    public RateLimitPartition<string> GetPartition(HttpContext context)
    {
        var token = context.Request.RouteValues["token"] as string ?? "";
        var o = options.Value;
        return RateLimitPartition.GetFixedWindowLimiter(token, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = o.RequestsPerWindow,
            Window = o.Window,
            QueueLimit = 0,
        });
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (ctx, ct) =>
    {
        var response = ctx.HttpContext.Response;
        var retry = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : options.Value.Window;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "private, no-store";
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync("This private feed was asked for too often. Your feed reader will get it again later.", ct);
    };
}
