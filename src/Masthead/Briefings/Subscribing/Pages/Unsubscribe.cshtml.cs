using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Briefings.Subscribing.Pages;

/// <summary>The List-Unsubscribe https target. POST (RFC 8058 one-click, body List-Unsubscribe=One-Click,
/// or the button on the GET page) unsubscribes at once and answers 200. Mail providers POST without
/// cookies or an antiforgery token, so the signed token in the URL is the only authority, which is enough:
/// it names one subscriber and one list (or, for the unsubscribe-all link, every list). GET never changes
/// anything: link scanners fetch it.</summary>
[IgnoreAntiforgeryToken]
internal sealed class UnsubscribeModel(SubscriberLinks links, BriefingSubscriptions subscriptions, Data.MastheadDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    public bool Valid { get; private set; }
    public bool Done { get; private set; }
    public bool All { get; private set; }
    public string? ListName { get; private set; }
    public string? PreferencesUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await ReadAsync(ct) is null ? Invalid() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await ReadAsync(ct) is not { } target) return Invalid();
        var found = target.ListId is { } listId
            ? await subscriptions.UnsubscribeAsync(target.SubscriberId, listId, ct)
            : await subscriptions.UnsubscribeAllAsync(target.SubscriberId, ct);
        if (!found) return Invalid();
        Done = true;
        return Page();
    }

    private async Task<(long SubscriberId, int? ListId)?> ReadAsync(CancellationToken ct)
    {
        var token = Token ?? "";
        long id;
        int? listId;
        if (links.TryRead(token, SubscriberLinks.Unsubscribe, out id, out listId) && listId is not null)
        {
            ListName = await db.BriefingLists.Where(l => l.Id == listId).Select(l => l.Name).SingleOrDefaultAsync(ct);
            if (ListName is null) return null;
        }
        else if (links.TryRead(token, SubscriberLinks.UnsubscribeAll, out id, out _))
        {
            All = true;
            listId = null;
        }
        else return null;
        Valid = true;
        PreferencesUrl = links.PreferencesUrl(id);
        return (id, listId);
    }

    private PageResult Invalid()
    {
        Valid = false;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
