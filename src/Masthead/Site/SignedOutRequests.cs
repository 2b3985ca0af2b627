using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Masthead.Site;

/// <summary>Tells, before authentication has run, that a request cannot be signed in: it carries neither an
/// Authorization header nor the sign-in cookie (nor a chunk of it). The output cache sits ahead of
/// authentication so that a cached page for a signed-out reader costs no cookie handler, DI scope work or
/// authorization; this is the test it relies on. It errs one way only: a request with a stale or forged
/// sign-in cookie is treated as possibly signed in and simply not cached.
/// The cookies are read with the same parser the cookie handler reads them with (<see cref="HttpRequest.Cookies"/>:
/// every Cookie header, any whitespace, names compared without regard to case), never with rules of our own: a
/// header the handler would authenticate but this test called signed out would put a member's view under the
/// anonymous key. <see cref="SignedOutOnlyCachePolicy"/> guards the other side: a response rendered for a
/// signed-in reader is never stored under it.</summary>
public sealed class SignedOutRequests(IOptionsMonitor<CookieAuthenticationOptions> cookies)
{
    private readonly Lazy<string> _cookieName = new(() =>
        cookies.Get(IdentityConstants.ApplicationScheme).Cookie.Name
        ?? CookieAuthenticationDefaults.CookiePrefix + IdentityConstants.ApplicationScheme);

    public bool IsSignedOut(HttpRequest request)
    {
        if (request.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.Authorization)) return false;
        if (!request.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.Cookie)) return true;
        // Large tickets are split into name, nameC1, nameC2 … by the chunking cookie manager, so any cookie whose
        // name starts with the sign-in cookie's counts. The collection is parsed once per request and kept, and
        // the meter reads it anyway.
        var name = _cookieName.Value;
        foreach (var (key, _) in request.Cookies)
        {
            if (key.StartsWith(name, StringComparison.OrdinalIgnoreCase)) return false;
        }
        return true;
    }
}
