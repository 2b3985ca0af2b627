using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Membership.PrivateFeeds;

/// <summary>Create, rotate and revoke the signed-in member's private feed; each answers with the account page,
/// which shows a new address once (<see cref="PrivateFeedPanel.NewTokenKey"/>) and the outcome in its notice.</summary>
internal sealed class PrivateFeedActionsModel(PrivateFeedTokens tokens) : PageModel
{
    /// <summary>The account page's own notice (Accounts/Pages/Account's <c>Saved</c>).</summary>
    private const string NoticeKey = "Saved";
    private const string AccountPanel = "/account#private-feed";

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public IActionResult OnGet() => Redirect(AccountPanel);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!PrivateFeedTokens.MayCreate(await HttpContext.ReaderTierAsync(ct)))
        {
            return Done("The private feed is part of PRO membership. Start PRO to get one.");
        }
        if (await tokens.IssuedAtAsync(UserId, ct) is not null)
        {
            return Done("You already have a private feed. Rotate it for a new address.");
        }
        return Issued(await tokens.IssueAsync(UserId, ct), "Your private feed is ready. Copy its address into your feed reader now: it is shown only once.");
    }

    public async Task<IActionResult> OnPostRotateAsync(CancellationToken ct)
    {
        if (await tokens.IssuedAtAsync(UserId, ct) is null) return Done("You have no private feed to rotate.");
        return Issued(await tokens.IssueAsync(UserId, ct), "Your private feed has a new address; the old one no longer works. Copy the new one now: it is shown only once.");
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct) =>
        Done(await tokens.RevokeAsync(UserId, ct)
            ? "Your private feed was revoked: its address no longer works."
            : "You have no private feed to revoke.");

    private RedirectResult Issued(string token, string notice)
    {
        // Kept for the next page only, in the data-protected temp-data cookie; the database has the hash alone.
        TempData[PrivateFeedPanel.NewTokenKey] = token;
        return Done(notice);
    }

    private RedirectResult Done(string notice)
    {
        TempData[NoticeKey] = notice;
        return Redirect(AccountPanel);
    }
}
