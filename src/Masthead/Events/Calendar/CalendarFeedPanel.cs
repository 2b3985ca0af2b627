using System.Security.Claims;
using Masthead.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Masthead.Events;

/// <param name="NewHttps">The address, only on the page that follows creating or rotating the feed: afterwards only
/// its hash exists.</param>
public sealed record CalendarFeedPanelView(DateTime? IssuedAt, string? NewWebcal, string? NewHttps);

/// <summary>The "Calendar feed" section of /account: <c>@await Component.InvokeAsync("CalendarFeedPanel")</c>.</summary>
public sealed class CalendarFeedPanel(CalendarFeeds feeds, IOptions<SiteOptions> site) : ViewComponent
{
    public const string NewTokenKey = "CalendarFeedToken";

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var ct = HttpContext.RequestAborted;
        var userId = UserClaimsPrincipal.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var issuedAt = await feeds.IssuedAtAsync(userId, ct);
        string? https = null;
        // Shown only while it is still this member's token (another tab may have rotated it since).
        if (TempData[NewTokenKey] is string token && await feeds.OwnerAsync(token, ct) == userId)
        {
            https = site.Value.Absolute(CalendarFeeds.PathFor(token));
        }
        return View("/Events/Calendar/CalendarFeedPanel.cshtml",
            new CalendarFeedPanelView(issuedAt, https is null ? null : CalendarFeeds.Webcal(https), https));
    }
}
