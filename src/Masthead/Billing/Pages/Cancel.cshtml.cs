using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Billing.Pages;

/// <summary>The confirmation step before canceling: says exactly what happens (access until the period
/// ends, or ends now when past due) and cancels only on the POST.</summary>
internal sealed class CancelModel(BillingService billing, Masthead.Billing.Gateway.IPaymentGateway gateway) : PageModel
{
    // Stripe runs the subscription: a cancel here would not reach it, so members cancel in the Customer Portal.
    private bool UsesPortal => gateway is Stripe.StripeGateway;

    public SubscriptionView? Subscription { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Subscription = (await billing.AccountAsync(BillingPaths.UserId(User)!, ct)).Subscription;
        if (Subscription is not { CanCancel: true } || UsesPortal) return LocalRedirect(BillingPaths.Account);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var userId = BillingPaths.UserId(User)!;
        if (UsesPortal) return LocalRedirect(BillingPaths.Account);
        try
        {
            var s = await billing.CancelAsync(userId, ct);
            TempData[BillingPaths.NoticeKey] = s.HasAccess
                ? $"Your membership is canceled. You keep PRO access until {AccountBillingModel.Date(s.CurrentPeriodEnd)}, and you will not be charged again."
                : "Your membership is canceled. Nothing more will be charged.";
            return LocalRedirect(BillingPaths.Account);
        }
        catch (BillingException e)
        {
            // Already canceled (a second click, another tab): say so rather than fail.
            Problem = e.Message;
            Subscription = (await billing.AccountAsync(userId, ct)).Subscription;
            return Page();
        }
    }
}
