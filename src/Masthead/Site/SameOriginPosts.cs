namespace Masthead.Site;

/// <summary>Whether a form POST came from one of this site's own pages. Forms on output-cached pages (the
/// briefings signup box) carry no antiforgery token, so what such a POST may do for a signed-in reader rests on
/// two things the browser guarantees: the auth cookie is SameSite=Lax (a cross-site POST arrives without it),
/// and every current browser sends Sec-Fetch-Site and Origin on a POST. A request with neither header is
/// treated as foreign: it gets only what an anonymous visitor would.</summary>
public static class SameOriginPosts
{
    public static bool IsSameOrigin(HttpRequest request)
    {
        if (request.Headers["Sec-Fetch-Site"].ToString() is { Length: > 0 } site)
        {
            return string.Equals(site, "same-origin", StringComparison.OrdinalIgnoreCase);
        }
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || !Uri.TryCreate(origin, UriKind.Absolute, out var from)) return false;
        return string.Equals(from.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
