using System.Security.Claims;
using Masthead.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Masthead.Membership.PrivateFeeds;

/// <summary>What the account page shows of the member's private feed.</summary>
/// <param name="NewRss">The addresses, only on the page that follows creating or rotating the token: afterwards
/// only its hash exists.</param>
public sealed record PrivateFeedPanelView(bool Entitled, DateTime? IssuedAt, string? NewRss, string? NewAtom);

/// <summary>The "Private feed" section of /account, kept here so the account page carries one line for it.</summary>
public sealed class PrivateFeedPanel(PrivateFeedTokens tokens, IOptions<SiteOptions> site) : ViewComponent
{
    public const string NewTokenKey = "PrivateFeedToken";

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var ct = HttpContext.RequestAborted;
        var userId = UserClaimsPrincipal.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var tier = await HttpContext.ReaderTierAsync(ct);
        var issuedAt = await tokens.IssuedAtAsync(userId, ct);
        string? rss = null, atom = null;
        // Shown only while it is still this member's token (another tab may have rotated it since).
        if (TempData[NewTokenKey] is string token && await tokens.OwnerAsync(token, ct) == userId)
        {
            var (rssPath, atomPath) = PrivateFeedEndpoints.PathsFor(token);
            (rss, atom) = (site.Value.Absolute(rssPath), site.Value.Absolute(atomPath));
        }
        return View("/Membership/PrivateFeeds/PrivateFeedPanel.cshtml",
            new PrivateFeedPanelView(PrivateFeedTokens.MayCreate(tier), issuedAt, rss, atom));
    }
}
