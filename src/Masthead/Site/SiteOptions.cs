using System.ComponentModel.DataAnnotations;

namespace Masthead.Site;

public sealed class SiteOptions
{
    public const string Section = "Site";

    [Required] public string Name { get; set; } = "The Levant Ledger";
    [Required] public string Tagline { get; set; } = "Security, energy, markets and diplomacy across the Middle East";
    /// <summary>Absolute base URL used in feeds, sitemaps, canonical links and emails. Required outside Development;
    /// in Development, when unset, the address the site listens on (<see cref="SiteBaseUrl"/>).</summary>
    public string BaseUrl { get; set; } = "";
    /// <summary>Set when <see cref="BaseUrl"/> was taken from the listening address rather than configured.</summary>
    internal bool BaseUrlDerived { get; set; }
    [Required] public string DefaultLanguage { get; set; } = "en";
    [Range(1, 100)] public int PageSize { get; set; } = 12;
    /// <summary>How long anonymous pages, feeds and sitemaps stay in the output cache; 0 turns caching off
    /// (tests that change content behind the admin's back use that).</summary>
    [Range(0, 86_400)] public int OutputCacheSeconds { get; set; } = 60;
    /// <summary>Whether signed-in readers of one tier (free, PRO, staff) share a cached article view, as anonymous
    /// visitors do. Off renders every signed-in view per request (for templates that show something personal).</summary>
    public bool ShareSignedInViews { get; set; } = true;
    /// <summary>Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed: addresses ("10.0.0.5") or
    /// networks ("10.0.0.0/8"), in addition to loopback, which is always trusted. The client IP that rate limits and
    /// sign-in backoff count, and whether the request was HTTPS (Secure cookies, HSTS), come from these headers.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>An absolute URL for a site path ("/articles/x"); absolute URLs pass through unchanged.</summary>
    public string Absolute(string path)
    {
        if (path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return path;
        }
        return BaseUrl.TrimEnd('/') + "/" + path.TrimStart('/');
    }
}
