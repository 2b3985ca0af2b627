using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Masthead.Site;

/// <summary>Tells, before authentication has run, that a request cannot be signed in: it carries neither an
/// Authorization header nor the sign-in cookie (nor a chunk of it). The output cache sits ahead of
/// authentication so that a cached page for a signed-out reader costs no cookie handler, DI scope work or
/// authorization; this is the test it relies on. It errs one way only: a request with a stale or forged
/// sign-in cookie is treated as possibly signed in and simply not cached.</summary>
public sealed class SignedOutRequests(IOptionsMonitor<CookieAuthenticationOptions> cookies)
{
    private readonly Lazy<string> _cookieName = new(() =>
        cookies.Get(IdentityConstants.ApplicationScheme).Cookie.Name
        ?? CookieAuthenticationDefaults.CookiePrefix + IdentityConstants.ApplicationScheme);

    public bool IsSignedOut(HttpRequest request)
    {
        if (request.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.Authorization)) return false;
        if (!request.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.Cookie)) return true;
        var name = _cookieName.Value;
        foreach (var cookie in request.Cookies)
        {
            // Large tickets are split into name, nameC1, nameC2 … by the chunking cookie manager.
            if (cookie.Key.StartsWith(name, StringComparison.Ordinal)) return false;
        }
        return true;
    }
}
