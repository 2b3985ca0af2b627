using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Events;

/// <summary>Create, rotate and revoke the signed-in member's calendar feed; each answers with the account page, which
/// shows a new address once (<see cref="CalendarFeedPanel.NewTokenKey"/>) and the outcome in its notice.</summary>
internal sealed class CalendarFeedActionsModel(CalendarFeeds feeds) : PageModel
{
    /// <summary>The account page's own notice (Accounts/Pages/Account's <c>Saved</c>).</summary>
    private const string NoticeKey = "Saved";
    private const string AccountPanel = "/account#calendar-feed";

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public IActionResult OnGet() => Redirect(AccountPanel);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (await feeds.HasFeedAsync(UserId, ct)) return Done("You already have a calendar feed. Rotate it for a new address.");
        return Issued(await feeds.CreateOrRotateAsync(UserId, ct),
            "Your calendar feed is ready. Add it to your calendar app now: its address is shown only once.");
    }

    public async Task<IActionResult> OnPostRotateAsync(CancellationToken ct)
    {
        if (!await feeds.HasFeedAsync(UserId, ct)) return Done("You have no calendar feed to rotate.");
        return Issued(await feeds.CreateOrRotateAsync(UserId, ct),
            "Your calendar feed has a new address; the old one no longer works. Add the new one now: it is shown only once.");
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        if (!await feeds.HasFeedAsync(UserId, ct)) return Done("You have no calendar feed to revoke.");
        await feeds.RevokeAsync(UserId, ct);
        return Done("Your calendar feed was revoked: its address no longer works.");
    }

    private RedirectResult Issued(string token, string notice)
    {
        // Kept for the next page only, in the data-protected temp-data cookie; the database has the hash alone.
        TempData[CalendarFeedPanel.NewTokenKey] = token;
        return Done(notice);
    }

    private RedirectResult Done(string notice)
    {
        TempData[NoticeKey] = notice;
        return Redirect(AccountPanel);
    }
}
