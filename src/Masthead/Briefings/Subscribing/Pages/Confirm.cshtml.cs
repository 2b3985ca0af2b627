using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Briefings.Subscribing.Pages;

/// <summary>The double opt-in link. GET only shows a button: mail scanners prefetch links, and a prefetch
/// must not count as the owner's consent. The POST confirms; it is idempotent.</summary>
internal sealed class ConfirmModel(SubscriberLinks links, BriefingSubscriptions subscriptions) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    public bool Valid { get; private set; }
    public bool Confirmed { get; private set; }
    public string? PreferencesUrl { get; private set; }

    public IActionResult OnGet()
    {
        Valid = links.TryRead(Token ?? "", SubscriberLinks.Confirm, out _, out _);
        return Valid ? Page() : Invalid();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!links.TryRead(Token ?? "", SubscriberLinks.Confirm, out var id, out _)) return Invalid();
        // False: the address was never confirmed and has expired since.
        if (!await subscriptions.ConfirmAsync(id, ct)) return Invalid();
        Valid = Confirmed = true;
        PreferencesUrl = links.PreferencesUrl(id);
        return Page();
    }

    private PageResult Invalid()
    {
        Valid = false;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
