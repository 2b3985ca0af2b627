using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Billing.Pages;

/// <summary>The member's billing page: plan, status, next charge, card, invoices, and the reactivate action
/// (cancel has its own confirmation page).</summary>
[Authorize]
internal sealed class AccountBillingModel(BillingService billing) : PageModel
{
    [TempData(Key = BillingPaths.NoticeKey)] public string? Notice { get; set; }
    public string? Problem { get; private set; }
    public AccountBilling Account { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) =>
        Account = await billing.AccountAsync(BillingPaths.UserId(User)!, ct);

    public async Task<IActionResult> OnPostReactivateAsync(CancellationToken ct)
    {
        var userId = BillingPaths.UserId(User)!;
        try
        {
            var s = await billing.ReactivateAsync(userId, ct);
            Notice = $"Your {s.PlanName} membership continues. The next charge is on {s.CurrentPeriodEnd:d MMMM yyyy}.";
            return RedirectToPage();
        }
        catch (BillingException e)
        {
            Problem = e.Message;
            Account = await billing.AccountAsync(userId, ct);
            return Page();
        }
    }

    public static string Date(DateTime? utc) => utc is { } d ? d.ToString("d MMMM yyyy") : "";
}
