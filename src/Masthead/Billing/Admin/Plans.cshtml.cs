using Masthead.Billing.Plans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Billing.Admin;

/// <summary>Plans and their active prices, and the form to change a price. A change adds a new price row for
/// new subscriptions; members already subscribed keep theirs (PlanCatalog.ChangePriceAsync).</summary>
internal sealed class PlansModel(PlanCatalog catalog) : PageModel
{
    public IReadOnlyList<PlanOffer> Offers { get; private set; } = [];

    /// <summary>"pro:Year": the plan slug and interval of the price to replace.</summary>
    [BindProperty] public string? Target { get; set; }
    [BindProperty] public string? Amount { get; set; }
    public string? Notice { get; private set; }

    public async Task OnGetAsync(string? notice, CancellationToken ct)
    {
        Notice = notice == "changed" ? "Price changed. New subscriptions pay the new price; existing members keep theirs." : null;
        Offers = await catalog.OffersAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Offers = await catalog.OffersAsync(ct);
        var current = Offers.SelectMany(o => o.Prices).FirstOrDefault(p => Key(p) == Target);
        if (current is null)
        {
            ModelState.AddModelError(nameof(Target), "Choose one of the prices listed.");
            return Page();
        }
        if (!MoneyInput.TryParse(Amount, current.Amount.Currency, out var amount, out var error))
        {
            ModelState.AddModelError(nameof(Amount), error);
            return Page();
        }
        if (amount == current.Amount)
        {
            ModelState.AddModelError(nameof(Amount), $"That is already the price ({current.Amount.Format()}).");
            return Page();
        }
        try
        {
            await catalog.ChangePriceAsync(current.PlanSlug, current.Interval, amount, ct);
        }
        catch (BillingException e)
        {
            ModelState.AddModelError(nameof(Amount), e.Message);
            return Page();
        }
        return Redirect("/admin/plans?notice=changed");
    }

    public static string Key(PriceOffer p) => $"{p.PlanSlug}:{p.Interval}";

    public static string IntervalText(BillingInterval i) => i == BillingInterval.Year ? "Annual" : "Monthly";
}
