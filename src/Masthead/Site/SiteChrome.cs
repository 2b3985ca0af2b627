using Masthead.Accounts;
using Masthead.Content.Reading;

namespace Masthead.Site;

/// <summary>What the site's shared head, header and footer (the slices in Site/Slices) show around a page. Both
/// the Razor Pages layout and pages rendered as Razor Slices build one, so the chrome has one source.</summary>
public sealed record SiteChrome(SiteOptions Site, string Lang, string Title, string Description, string Stylesheet,
    IReadOnlyList<SectionLink> Sections, string? CurrentSection, bool SignedIn, bool IsStaff, bool HideSearch)
{
    /// <param name="title">The page's own title; the site's name is added to it.</param>
    public static SiteChrome For(HttpContext http, SiteOptions site, SiteAssets assets, IReadOnlyList<SectionLink> sections,
        string? title = null, string? description = null, string? lang = null, string? currentSection = null, bool hideSearch = false)
    {
        var user = http.User;
        var signedIn = user.Identity?.IsAuthenticated == true;
        return new SiteChrome(site, lang ?? site.DefaultLanguage, title is null ? site.Name : $"{title} — {site.Name}",
            description ?? site.Tagline, assets.Stylesheet, sections, currentSection, signedIn,
            signedIn && (user.IsInRole(Roles.Editor) || user.IsInRole(Roles.Admin)), hideSearch);
    }
}
