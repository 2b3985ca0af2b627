using Masthead.Billing.Invoices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Billing.Pages;

/// <summary>One invoice, only for its owner: the lookup is within the signed-in reader's own invoices,
/// so another reader's number is a 404 (not a 403 that would confirm it exists).</summary>
internal sealed class InvoiceModel(BillingService billing) : PageModel
{
    public InvoiceView Invoice { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken ct)
    {
        var account = await billing.AccountAsync(BillingPaths.UserId(User)!, ct);
        var invoice = account.Invoices.FirstOrDefault(i => string.Equals(i.Number, number, StringComparison.Ordinal));
        if (invoice is null) return NotFound();
        Invoice = invoice;
        return Page();
    }

    public static string StatusText(InvoiceView i) => i.Status switch
    {
        InvoiceStatus.Paid => "Paid",
        InvoiceStatus.Open => "Due",
        InvoiceStatus.Void => "Void",
        InvoiceStatus.PartiallyRefunded => "Partly refunded",
        InvoiceStatus.Refunded => "Refunded",
        _ => i.Status.ToString(),
    };
}
