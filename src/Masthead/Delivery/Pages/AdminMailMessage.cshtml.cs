using Masthead.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Delivery.Pages;

/// <summary>One message of the mailbox, for admins only: it is someone else's mail (see <see cref="MailboxView"/>).</summary>
internal sealed class AdminMailMessageModel(MailboxView mailbox) : PageModel
{
    public string Id { get; private set; } = "";
    public MailView? View { get; private set; }
    public string Subject => string.IsNullOrEmpty(View?.Message.Subject) ? "(no subject)" : View.Message.Subject;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        View = await mailbox.OpenAsync(id, User, ct);
        if (View is null) return NotFound();
        Id = id;
        return Page();
    }
}
