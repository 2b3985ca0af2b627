using Masthead.Membership.Metering;
using Masthead.Site;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Masthead.Membership;

/// <summary>Output-cache policy of the article page (and any page whose view depends on the reader). Like
/// the site's "Public" policy only anonymous requests are looked up and stored — a signed-in reader's view
/// is never cached, so a PRO or members body cannot reach anyone else — and additionally the cached entry
/// varies by the reader's meter state, so an exhausted meter is enforced even on a cache hit.
/// It replaces ASP.NET's default policy because that one refuses to store any response that sets a
/// cookie, and the meter cookie is set on the very reads that are hot: the meter's cookie is added after
/// the entry's headers are captured (see <see cref="ReadingMeter"/>), and any other cookie still forbids storage.</summary>
internal sealed class ReaderViewCachePolicy(IOptions<SiteOptions> site, ReadingMeter meter) : IOutputCachePolicy
{
    public const string Name = "ReaderView";

    public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var seconds = site.Value.OutputCacheSeconds;
        var cacheable = seconds > 0
            && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && string.IsNullOrEmpty(request.Headers.Authorization)
            && http.User.Identity?.IsAuthenticated != true;
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.CacheVaryByRules.QueryKeys = "*";
        if (seconds > 0)
        {
            context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(seconds);
            context.Tags.Add(SiteModule.ContentCacheTag);
        }
        if (http.GetRouteValue("slug") is string slug)
        {
            var decision = meter.Decide(http, slug, await http.ReaderTierAsync(ct));
            context.CacheVaryByRules.VaryByValues["meter"] = decision.State.ToString();
        }
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken ct) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken ct)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK) context.AllowCacheStorage = false;
        foreach (var cookie in response.Headers.SetCookie)
        {
            if (cookie is null || !cookie.StartsWith(MeterCookie.Name + "=", StringComparison.Ordinal)) context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}
