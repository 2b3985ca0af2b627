using Masthead.Billing.Gateway;
using Masthead.Billing.Stripe;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Billing.Pages;

/// <summary>The member's billing page: plan, status, next charge, card, invoices, and the reactivate action
/// (cancel has its own confirmation page). With the Stripe gateway, card changes and cancellation happen in
/// Stripe's Customer Portal: the page offers "Manage billing" (a POST that makes a portal session) instead.</summary>
internal sealed class AccountBillingModel(BillingService billing, IPaymentGateway gateway, ILogger<AccountBillingModel> log) : PageModel
{
    /// <summary>Stripe runs this member's subscription: manage it in the portal, not with the test-mode card form.</summary>
    public bool UsesPortal => gateway is StripeGateway;

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

    /// <summary>"Manage billing": a Customer Portal session, then a redirect to it (never a GET: it creates a session).</summary>
    public async Task<IActionResult> OnPostPortalAsync(CancellationToken ct)
    {
        var userId = BillingPaths.UserId(User)!;
        if (gateway is StripeGateway stripe)
        {
            try
            {
                if (await stripe.CreatePortalUrlAsync(userId, ct) is { } url) return Redirect(url);
                Problem = "There is no Stripe billing account for you yet: it is created when you start PRO from the pricing page.";
            }
            catch (global::Stripe.StripeException e)
            {
                log.LogError(e, "Stripe Customer Portal session failed");
                Problem = "The billing page at Stripe is not available right now. Please try again in a few minutes.";
            }
        }
        else
        {
            Problem = "Billing is managed on this page in test mode.";
        }
        Account = await billing.AccountAsync(userId, ct);
        return Page();
    }

    public static string Date(DateTime? utc) => utc is { } d ? d.ToString("d MMMM yyyy") : "";
}
