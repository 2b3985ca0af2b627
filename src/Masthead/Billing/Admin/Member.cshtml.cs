using System.Security.Claims;
using Masthead.Billing.Invoices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Billing.Admin;

/// <summary>One member: subscription, card on file (brand and last four only), invoices with refunds, and the
/// history of events and emails. A refund takes two posts: review (validated, nothing happens) then confirm.</summary>
internal sealed class MemberModel(BillingService billing, Refunds refunds, MemberQueries queries) : PageModel
{
    public string UserId { get; private set; } = "";
    public string Email { get; private set; } = "";
    public AccountBilling Account { get; private set; } = null!;
    public IReadOnlyList<BillingEventView> History { get; private set; } = [];
    public string? Notice { get; private set; }

    [BindProperty] public long InvoiceId { get; set; }
    [BindProperty] public string? Amount { get; set; }

    /// <summary>Set after a valid review: the refund the confirm form will make.</summary>
    public (InvoiceView Invoice, Money Amount)? Pending { get; private set; }

    public static string AmountKey(long invoiceId) => "Amount-" + invoiceId;

    public async Task<IActionResult> OnGetAsync(string userId, string? notice, CancellationToken ct)
    {
        if (!await LoadAsync(userId, ct)) return NotFound();
        Notice = notice == "refunded" ? "Refund issued. The member has been emailed." : null;
        return Page();
    }

    public async Task<IActionResult> OnPostReviewAsync(string userId, CancellationToken ct)
    {
        if (!await LoadAsync(userId, ct)) return NotFound();
        if (Validate() is { } ok) Pending = ok;
        return Page();
    }

    public async Task<IActionResult> OnPostRefundAsync(string userId, CancellationToken ct)
    {
        if (!await LoadAsync(userId, ct)) return NotFound();
        if (Validate() is not { } ok) return Page();
        try
        {
            var staff = User.FindFirstValue(ClaimTypes.NameIdentifier);
            await refunds.RefundAsync(ok.Invoice.Id, ok.Amount, staff, ct);
        }
        catch (BillingException e)
        {
            ModelState.AddModelError(AmountKey(InvoiceId), e.Message);
            return Page();
        }
        return Redirect($"/admin/members/{Uri.EscapeDataString(userId)}?notice=refunded");
    }

    private (InvoiceView Invoice, Money Amount)? Validate()
    {
        // The invoice must be this member's: a posted id from another member's page is refused.
        var invoice = Account.Invoices.FirstOrDefault(i => i.Id == InvoiceId);
        if (invoice is null)
        {
            ModelState.AddModelError("InvoiceId", "That invoice is not this member's.");
            return null;
        }
        var key = AmountKey(invoice.Id);
        if (invoice.Refundable.Minor <= 0)
        {
            ModelState.AddModelError(key, $"Invoice {invoice.Number} has nothing left to refund.");
            return null;
        }
        if (!MoneyInput.TryParse(Amount, invoice.Total.Currency, out var amount, out var error))
        {
            ModelState.AddModelError(key, error);
            return null;
        }
        if (amount > invoice.Refundable)
        {
            ModelState.AddModelError(key, $"At most {invoice.Refundable.Format()} of invoice {invoice.Number} can be refunded.");
            return null;
        }
        return (invoice, amount);
    }

    private async Task<bool> LoadAsync(string userId, CancellationToken ct)
    {
        var email = await queries.EmailAsync(userId, ct);
        if (email is null) return false;
        UserId = userId;
        Email = email;
        Account = await billing.AccountAsync(userId, ct);
        // Newest first; events at the same instant stay in the order they happened, reversed with the rest.
        History = (await billing.HistoryAsync(userId, ct)).OrderBy(e => e.At).Reverse().ToList();
        return true;
    }

    public string? AmountValue(InvoiceView i) =>
        InvoiceId == i.Id && Amount is not null ? Amount : MoneyInput.Text(i.Refundable);
}
