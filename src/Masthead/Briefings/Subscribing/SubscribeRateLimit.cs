using System.Threading.RateLimiting;
using Masthead.Accounts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Masthead.Briefings.Subscribing;

/// <summary>Per-IP limit on signup POSTs, the site's forms and the embedded one alike: each accepted signup
/// can send one email, so this bounds how much mail one connection can make us send to strangers.</summary>
internal sealed class SubscribeRateLimit(IOptions<SubscribingOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "briefings-subscribe";

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
