using Masthead.Billing.Gateway;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Billing.Pages;

/// <summary>Replaces the card on file with the same test-mode form as checkout; when past due the engine
/// charges the new card at once.</summary>
internal sealed class PaymentMethodModel(BillingService billing, IPaymentGateway gateway) : CardFormPage
{
    public CardView? Current { get; private set; }
    public bool Available => TestPaymentGateway.Of(gateway) is not null;

    public async Task OnGetAsync(CancellationToken ct) =>
        Current = (await billing.AccountAsync(BillingPaths.UserId(User)!, ct)).Card;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var userId = BillingPaths.UserId(User)!;
        var card = PostedCard();
        var token = TestPaymentGateway.Of(gateway) is { } test ? card.Tokenize(test) : null;
        card.ForgetSecrets();
        if (token is not null)
        {
            try
            {
                var account = await billing.UpdatePaymentMethodAsync(userId, token, ct);
                TempData[BillingPaths.NoticeKey] = $"Your card was updated to {account.Card?.Brand} ending {account.Card?.Last4}." +
                    (account.Subscription?.Status == Subscriptions.SubscriptionStatus.PastDue ? " The overdue payment still failed; please try another card." : "");
                return LocalRedirect(BillingPaths.Account);
            }
            catch (BillingException e)
            {
                card.Errors["Number"] = e.Message + " Try another card.";
            }
        }
        else if (!Available)
        {
            Problem = "Updating the card is not available here right now.";
        }
        Current = (await billing.AccountAsync(userId, ct)).Card;
        return Page();
    }
}
