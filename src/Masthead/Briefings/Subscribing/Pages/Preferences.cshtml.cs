using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Briefings.Subscribing.Pages;

/// <summary>The preference centre, reached from the signed link in every email, no password. The token
/// names the subscriber; the forms carry an antiforgery token because we serve the page ourselves.</summary>
internal sealed class PreferencesModel(SubscriberLinks links, BriefingSubscriptions subscriptions, Data.MastheadDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public List<int> Lists { get; set; } = [];

    public bool Valid { get; private set; }
    public string Email { get; private set; } = "";
    public bool Suppressed { get; private set; }
    public IReadOnlyList<ListChoice> Choices { get; private set; } = [];
    public HashSet<int> Active { get; private set; } = [];
    [TempData] public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? Page() : Invalid();

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (!TryReadToken(out var id) || !await subscriptions.SetListsAsync(id, Lists, ct)) return Invalid();
        Saved = Lists.Count == 0 ? "You will not receive any briefing." : "Your choices were saved.";
        return Redirect(SubscriberLinks.PreferencesPath + "?token=" + Uri.EscapeDataString(Token!));
    }

    public async Task<IActionResult> OnPostAllAsync(CancellationToken ct)
    {
        if (!TryReadToken(out var id) || !await subscriptions.UnsubscribeAllAsync(id, ct)) return Invalid();
        Saved = "You are unsubscribed from everything. We will not email you again unless you choose a briefing here.";
        return Redirect(SubscriberLinks.PreferencesPath + "?token=" + Uri.EscapeDataString(Token!));
    }

    private bool TryReadToken(out long id) => links.TryRead(Token ?? "", SubscriberLinks.Preferences, out id, out _);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!TryReadToken(out var id)) return false;
        var email = await db.Subscribers.AsNoTracking().Where(s => s.Id == id).Select(s => s.Email).SingleOrDefaultAsync(ct);
        if (email is null) return false;
        Email = email;
        Valid = true;
        Choices = await subscriptions.OpenListsAsync(ct);
        Active = (await db.Subscriptions.AsNoTracking()
            .Where(s => s.SubscriberId == id && s.Status == SubscriptionStatus.Active).Select(s => s.ListId).ToListAsync(ct)).ToHashSet();
        Suppressed = await db.Suppressions.AsNoTracking().AnyAsync(x => x.Email == email, ct);
        return true;
    }

    private PageResult Invalid()
    {
        Valid = false;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
