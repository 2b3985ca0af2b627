using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MimeKit;

namespace Masthead.Delivery.Pages;

internal sealed partial class AdminMailMessageModel(PickupMailbox mailbox) : PageModel
{
    [GeneratedRegex(@"https?://[^\s<>""']+", RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();

    public string Id { get; private set; } = "";
    public MimeMessage? Message { get; private set; }
    public string Subject => string.IsNullOrEmpty(Message?.Subject) ? "(no subject)" : Message.Subject;

    /// <summary>Links from the text part, clickable here because the sandboxed HTML part cannot
    /// navigate: this is how a local user follows their magic link.</summary>
    public IReadOnlyList<string> Links { get; private set; } = [];

    public IActionResult OnGet(string id)
    {
        Message = mailbox.Load(id);
        if (Message is null) return NotFound();
        Id = id;
        Links = LinkPattern().Matches(Message.TextBody ?? "").Select(match => match.Value).Distinct().ToList();
        return Page();
    }
}
