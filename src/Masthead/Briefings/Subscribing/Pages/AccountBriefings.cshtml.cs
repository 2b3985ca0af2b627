using Masthead.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Briefings.Subscribing.Pages;

/// <summary>A signed-in reader's briefings, matched by the account's address. A confirmed account address
/// needs no confirmation email: saving activates the ticked lists and links the subscriber to the account.</summary>
internal sealed class AccountBriefingsModel(UserManager<User> users, BriefingSubscriptions subscriptions, Data.MastheadDb db) : PageModel
{
    [BindProperty] public List<int> Lists { get; set; } = [];

    public string Email { get; private set; } = "";
    public bool CanManage { get; private set; }
    public IReadOnlyList<ListChoice> Choices { get; private set; } = [];
    public HashSet<int> Active { get; private set; } = [];
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool saved, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Saved = saved;
        await LoadAsync(user, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var email = EmailAddresses.Normalize(user.Email);
        if (!user.EmailConfirmed || email is null)
        {
            await LoadAsync(user, ct);
            return Page();
        }
        var subscriberId = await db.Subscribers.Where(s => s.Email == email).Select(s => (long?)s.Id).SingleOrDefaultAsync(ct);
        if (subscriberId is null)
        {
            if (Lists.Count > 0) await subscriptions.SubscribeConfirmedAsync(email, user.Id, user.DisplayName, Lists, "account", ct);
        }
        else
        {
            await db.Subscribers.Where(s => s.Id == subscriberId && s.UserId == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.UserId, user.Id), ct);
            await subscriptions.SetListsAsync(subscriberId.Value, Lists, ct);
        }
        return Redirect(SubscribeModel.AccountBriefingsPath + "?saved=true");
    }

    private async Task LoadAsync(User user, CancellationToken ct)
    {
        var email = EmailAddresses.Normalize(user.Email) ?? "";
        Email = email;
        CanManage = user.EmailConfirmed && email.Length > 0;
        Choices = await subscriptions.OpenListsAsync(ct);
        Active = (await db.Subscriptions.AsNoTracking()
            .Where(s => s.Subscriber!.Email == email && s.Status == SubscriptionStatus.Active)
            .Select(s => s.ListId).ToListAsync(ct)).ToHashSet();
    }
}
