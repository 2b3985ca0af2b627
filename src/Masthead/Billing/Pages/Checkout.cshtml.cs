using Masthead.Billing.Gateway;
using Masthead.Billing.Plans;
using Masthead.Billing.Subscriptions;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Billing.Pages;

/// <summary>Checkout. With a hosted gateway (Stripe) it only redirects; with the built-in test gateway it is
/// the card form, which tokenizes the card and starts the trial. The price id is re-read on every request,
/// and a reader who is already a member (a double submit, the back button) is told so instead of paying twice.</summary>
internal sealed class CheckoutModel(BillingService billing, PlanCatalog catalog, IPaymentGateway gateway) : CardFormPage
{
    public const string AlreadyMemberMessage = "You're already a member.";

    [BindProperty(SupportsGet = true)] public int Price { get; set; }
    [BindProperty(SupportsGet = true, Name = "return")] public string? Return { get; set; }
    /// <summary>"subscribe": the paid path without a trial (for readers who already had theirs).</summary>
    [BindProperty(SupportsGet = true)] public string? Mode { get; set; }

    public bool Subscribe => Mode == BillingPaths.SubscribeMode;
    /// <summary>The trial was refused because one was already had: offer the paid path instead.</summary>
    public bool OfferSubscribe { get; private set; }
    public string? SubscribeHref => Offer is null ? null : BillingPaths.SubscribeHref(Offer.PriceId, ReturnPath);

    public PriceOffer? Offer { get; private set; }
    public bool AlreadyMember { get; private set; }
    /// <summary>The form is shown only when the price, the reader and the gateway all allow a trial.</summary>
    public bool CanPay { get; private set; }
    public string? ReturnPath => BillingPaths.LocalReturn(Return);
    public string PricingHref => BillingPaths.Pricing + (ReturnPath is null ? "" : "?return=" + Uri.EscapeDataString(ReturnPath));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var userId = BillingPaths.UserId(User)!;
        if (!await CheckAsync(userId, ct)) return Page();
        var start = await billing.BeginCheckoutAsync(userId, Price, Absolute(ReturnPath ?? BillingPaths.Account), Absolute(PricingHref), ct,
            withTrial: !Subscribe);
        if (!start.UseBuiltInPage) return Redirect(start.RedirectUrl!);
        CanPay = TestPaymentGateway.Of(gateway) is not null;
        if (!CanPay) Problem = "Checkout is not available right now. Please try again later.";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var userId = BillingPaths.UserId(User)!;
        var card = PostedCard();
        if (!await CheckAsync(userId, ct) || TestPaymentGateway.Of(gateway) is not { } test)
        {
            if (Offer is null) Response.StatusCode = StatusCodes.Status400BadRequest;
            card.ForgetSecrets();
            return Page();
        }
        CanPay = true;
        var token = card.Tokenize(test);
        card.ForgetSecrets();
        if (token is null) return Page();
        try
        {
            if (Subscribe)
            {
                var paid = await billing.SubscribeAsync(userId, Offer!.PriceId, token, ct);
                TempData[BillingPaths.NoticeKey] = $"Welcome to {paid.PlanName}. We have charged {Offer.Amount.Format()} for the period to " +
                    $"{paid.CurrentPeriodEnd:d MMMM yyyy} and emailed you a receipt.";
                return LocalRedirect(ReturnPath ?? BillingPaths.Account);
            }
            var subscription = await billing.StartTrialAsync(userId, Offer!.PriceId, token, ct);
            TempData[BillingPaths.NoticeKey] = $"Welcome to {subscription.PlanName}. Your free trial runs until " +
                $"{subscription.CurrentPeriodEnd:d MMMM yyyy}; cancel before then and you pay nothing.";
            return LocalRedirect(ReturnPath ?? BillingPaths.Account);
        }
        catch (BillingException e)
        {
            // A concurrent submit may have won the race: then this one is the duplicate, not a refusal.
            if (e.Code == "trial_used" && await IsMemberAsync(userId, ct))
            {
                (AlreadyMember, CanPay) = (true, false);
                return Page();
            }
            if (e.Code is "trial_used" or "price_unavailable" or "already_member") CanPay = false;
            // The card itself had a trial before: the refusal stands, and the paid path is offered.
            if (e.Code == "trial_used" && !Subscribe) OfferSubscribe = true;
            if (e.Code is "card_declined" or "insufficient_funds" or "expired_card" or "incorrect_cvc")
            {
                card.Errors[e.Code == "expired_card" ? "Expiry" : e.Code == "incorrect_cvc" ? "Cvc" : "Number"] = e.Message + " Try another card.";
            }
            else
            {
                Problem = e.Message;
            }
            return Page();
        }
    }

    /// <summary>Everything that must hold before a card is asked for, on GET and again on POST.</summary>
    private async Task<bool> CheckAsync(string userId, CancellationToken ct)
    {
        Offer = await catalog.ActivePriceAsync(Price, ct);
        if (Offer is null || Offer.PerSeat)
        {
            // Team prices are arranged with the newsroom, not bought here.
            Offer = null;
            Problem = "That price is not offered. Nothing was charged. Please choose a plan from the pricing page.";
            return false;
        }
        if (await IsMemberAsync(userId, ct))
        {
            AlreadyMember = true;
            return false;
        }
        var trial = await billing.TrialEligibilityAsync(userId, ct);
        if (Subscribe ? !trial.CanSubscribe : !trial.Eligible)
        {
            // The second trial is refused, clearly; when the reason is only that, the paid path is offered.
            Problem = trial.CanSubscribe ? trial.Reason : trial.Reason + " Nothing was charged.";
            OfferSubscribe = trial.CanSubscribe;
            return false;
        }
        return true;
    }

    private async Task<bool> IsMemberAsync(string userId, CancellationToken ct) =>
        (await billing.AccountAsync(userId, ct)).Subscription is { HasAccess: true } s
        && s.Status is SubscriptionStatus.Trialing or SubscriptionStatus.Active or SubscriptionStatus.PastDue;

    private string Absolute(string path) => $"{Request.Scheme}://{Request.Host}{path}";
}
