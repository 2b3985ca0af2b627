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
        // The raw header is scanned rather than Request.Cookies: that would parse every cookie into a dictionary
        // on each request, signed in or not. Large tickets are split into name, nameC1, nameC2 … by the chunking
        // cookie manager, so a cookie whose name starts with the sign-in cookie's counts.
        foreach (var header in request.Headers.Cookie)
        {
            var rest = header.AsSpan();
            while (!rest.IsEmpty)
            {
                var end = rest.IndexOf(';');
                var pair = (end < 0 ? rest : rest[..end]).TrimStart(' ');
                if (pair.StartsWith(name, StringComparison.Ordinal)) return false;
                rest = end < 0 ? default : rest[(end + 1)..];
            }
        }
        return true;
    }
}
