using Masthead.Billing.Plans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Billing.Pages;

/// <summary>The pricing page: Free, PRO Individual and PRO Team from the catalogue (never hard-coded amounts),
/// with one trial action that carries the reader's article back through sign-in and checkout.</summary>
internal sealed class PricingModel(PlanCatalog catalog, BillingService billing) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "return")] public string? Return { get; set; }

    public IReadOnlyList<PlanOffer> Plans { get; private set; } = [];
    public PlanOffer? Free => Plans.FirstOrDefault(p => p.Slug == PlanSlugs.Free);
    public PlanOffer? Pro => Plans.FirstOrDefault(p => p.Slug == PlanSlugs.Pro);
    public PlanOffer? Team => Plans.FirstOrDefault(p => p.Slug == PlanSlugs.ProTeam);
    /// <summary>The headline PRO price: the annual one when offered.</summary>
    public PriceOffer? ProAnnual => Pro?.Prices.FirstOrDefault(p => p.Interval == BillingInterval.Year) ?? Pro?.Prices.FirstOrDefault();
    public PriceOffer? ProMonthly => Pro?.Prices.FirstOrDefault(p => p.Interval == BillingInterval.Month);
    public PriceOffer? TeamPrice => Team?.Prices.FirstOrDefault();

    /// <summary>"1-week", "2-week", "10-day".</summary>
    public static string TrialLength(int days) => days > 0 && days % 7 == 0 ? $"{days / 7}-week" : $"{days}-day";

    public bool SignedIn { get; private set; }
    public TrialEligibility? Trial { get; private set; }
    public string? ReturnPath => BillingPaths.LocalReturn(Return);

    /// <summary>Where the trial button goes: checkout (which sends signed-out readers to sign in and back).</summary>
    public string TrialHref(PriceOffer price) => BillingPaths.CheckoutHref(price.PriceId, ReturnPath);

    /// <summary>The paid path for a reader who already had their trial.</summary>
    public string SubscribeHref(PriceOffer price) => BillingPaths.SubscribeHref(price.PriceId, ReturnPath);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Plans = await catalog.OffersAsync(ct);
        var userId = BillingPaths.UserId(User);
        SignedIn = userId is not null;
        if (userId is not null)
        {
            try
            {
                Trial = await billing.TrialEligibilityAsync(userId, ct);
            }
            catch (BillingException)
            {
                // The account vanished under a live cookie: show the page as to a signed-out reader.
                SignedIn = false;
            }
        }
    }
}
