using Masthead.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Masthead.Delivery.Pages;

/// <summary>Everyone's mail, so admins only; editors are refused like readers.</summary>
internal sealed class AdminMailboxModel(PickupMailbox mailbox, IOptions<MailOptions> options) : PageModel
{
    public IReadOnlyList<MailSummary> Messages { get; private set; } = [];
    public string Directory => options.Value.PickupDirectory!;

    public void OnGet() => Messages = mailbox.List();
}
