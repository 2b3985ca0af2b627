using Microsoft.AspNetCore.OutputCaching;

namespace Masthead.Site;

/// <summary>Part of the "Public" output-cache policy: only a request that cannot be signed in
/// (<see cref="SignedOutRequests"/>) is looked up or stored, and a response is never stored when the request was
/// authenticated after all (the cache runs before authentication, so this is checked as the response starts,
/// when the page has been rendered for whoever the cookie handler found). Either check alone keeps a member's
/// view out of the anonymous entry; both together mean a parser difference cannot publish one.</summary>
internal sealed class SignedOutOnlyCachePolicy(SignedOutRequests signedOut) : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken ct)
    {
        if (!signedOut.IsSignedOut(context.HttpContext.Request)) context.AllowCacheLookup = context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken ct) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken ct)
    {
        if (RenderedForSignedIn(context.HttpContext)) context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }

    public static bool RenderedForSignedIn(HttpContext http) => http.User.Identity?.IsAuthenticated == true;
}
