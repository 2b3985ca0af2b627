using Masthead.Membership.Metering;
using Masthead.Site;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Masthead.Membership;

/// <summary>Output-cache policy of the article page (and any page whose view depends only on the reader's tier).
/// A view is shared by every reader of one tier: anonymous visitors share one, free members another, PRO
/// members a third, staff a fourth; each is varied further by the reader's meter state, so an exhausted meter
/// is enforced even on a cache hit. That is what lets a memo sent to every PRO member at once be rendered once,
/// not once per member. It holds because such pages carry nothing bound to one reader (no address, no
/// antiforgery token: sign-out and the signup box are links and GET forms), and a response that made an
/// antiforgery token anyway says <c>no-store</c> and is not kept.
/// The output cache runs before authentication (SiteModule.UseSite): a request without the sign-in cookie is
/// anonymous without asking; one with it is authenticated here, once (the handler keeps its result for the
/// authentication middleware, and renews a sliding cookie as usual), and then asks its tier.
/// It replaces ASP.NET's default policy because that one never caches a signed-in request and refuses any
/// response that sets a cookie, and the meter cookie is set on the very reads that are hot: the meter's cookie
/// is added after the entry's headers are captured (see <see cref="ReadingMeter"/>), and any other cookie still
/// forbids storage.</summary>
internal sealed class ReaderViewCachePolicy(IOptions<SiteOptions> site, ReadingMeter meter, SignedOutRequests signedOut) : IOutputCachePolicy
{
    public const string Name = "ReaderView";

    public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var seconds = site.Value.OutputCacheSeconds;
        context.EnableOutputCaching = true;
        context.AllowLocking = true;
        var cacheable = seconds > 0
            && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Headers.ContainsKey(HeaderNames.Authorization);
        var tier = ReaderTier.Anonymous;
        if (cacheable && !signedOut.IsSignedOut(request))
        {
            // A member's view may be kept by their browser, never by a shared cache on the way.
            http.Response.Headers.CacheControl = "private, no-cache";
            if (!site.Value.ShareSignedInViews)
            {
                context.AllowCacheLookup = context.AllowCacheStorage = false;
                return;
            }
            var result = await http.AuthenticateAsync();
            // A stale or tampered cookie: the page decides after the usual pipeline, and nothing is cached.
            cacheable = result is { Succeeded: true, Principal: not null };
            if (cacheable)
            {
                http.User = result.Principal!;
                tier = await http.ReaderTierAsync(ct);
            }
        }
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        // Nothing more to decide for a request that is never cached; above all, a signed-in reader's tier must
        // not be asked before they are authenticated, or they would be remembered as anonymous.
        if (!cacheable) return;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues["tier"] = TierKey(tier);
        context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(seconds);
        context.Tags.Add(SiteModule.ContentCacheTag);
        if (http.GetRouteValue("slug") is string slug)
        {
            var decision = meter.Decide(http, slug, tier);
            context.CacheVaryByRules.VaryByValues["meter"] = MeterKey(decision);
        }
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken ct) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken ct)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK) context.AllowCacheStorage = false;
        // The anonymous entry holds only what was rendered for nobody: had the cookie handler found a reader that
        // the signed-out test missed, this view is theirs (SignedOutOnlyCachePolicy).
        if (context.CacheVaryByRules.VaryByValues.TryGetValue("tier", out var key) && key == TierKey(ReaderTier.Anonymous)
            && SignedOutOnlyCachePolicy.RenderedForSignedIn(context.HttpContext))
        {
            context.AllowCacheStorage = false;
        }
        // Antiforgery marks any response holding a token no-store: such a page belongs to one reader.
        if (response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase)) context.AllowCacheStorage = false;
        foreach (var cookie in response.Headers.SetCookie)
        {
            if (cookie is null || !cookie.StartsWith(MeterCookie.Name + "=", StringComparison.Ordinal)) context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }

    // Enum.ToString allocates on every call; these are the hot path of every cached read.
    private static string TierKey(ReaderTier tier) => tier switch
    {
        ReaderTier.Anonymous => "anonymous",
        ReaderTier.Free => "free",
        ReaderTier.Pro => "pro",
        _ => "staff",
    };

    // The page says how many free articles are left, so open views vary by that count (a handful per article).
    private static readonly string[] OpenKeys = [.. Enumerable.Range(0, 64).Select(n => "open-" + n)];

    private static string MeterKey(MeterDecision decision) => decision.State switch
    {
        MeterState.Unmetered => "unmetered",
        MeterState.Open => decision.Left < OpenKeys.Length ? OpenKeys[decision.Left] : "open-" + decision.Left,
        _ => "exhausted",
    };
}
