using Masthead.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Masthead.Briefings.Subscribing.Pages;

/// <summary>The full signup form, and the target of the signup box on the home and article pages.</summary>
[EnableRateLimiting(SubscribeRateLimit.Name)]
internal sealed class SubscribeModel(BriefingSubscriptions subscriptions, UserManager<User> users) : PageModel
{
    public const string AccountBriefingsPath = "/account/briefings";

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public List<int> Lists { get; set; } = [];
    [BindProperty] public string? Source { get; set; }
    /// <summary>Honeypot.</summary>
    [BindProperty] public string? Website { get; set; }

    public IReadOnlyList<ListChoice> Choices { get; private set; } = [];
    public string? EmailError { get; private set; }
    public string? ListsError { get; private set; }

    /// <summary>?list=slug ticks a list (links from a briefing's page); ?invalid=1 comes back from the embedded form.</summary>
    public async Task OnGetAsync([FromQuery(Name = "list")] string[]? list, bool invalid, CancellationToken ct)
    {
        Choices = await subscriptions.OpenListsAsync(ct);
        var wanted = list ?? [];
        Lists = Choices.Where(c => wanted.Contains(c.Slug)).Select(c => c.Id).ToList();
        Email = SignupInput.SignedInEmail(User);
        if (invalid) EmailError = "Enter a valid email address and choose at least one briefing.";
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Bots get the same page as people, and nothing is stored or sent.
        if (!string.IsNullOrEmpty(Website)) return Redirect(EmbedEndpoint.ThanksPath);
        var email = EmailAddresses.Normalize(Email);
        if (email is null) EmailError = "Enter a valid email address, like name@example.com.";
        if (Lists.Count == 0) ListsError = "Choose at least one briefing.";
        if (EmailError is null && ListsError is null)
        {
            var user = User.Identity?.IsAuthenticated == true ? await users.GetUserAsync(User) : null;
            if (user is { EmailConfirmed: true } && string.Equals(EmailAddresses.Normalize(user.Email), email, StringComparison.Ordinal))
            {
                var done = await subscriptions.SubscribeConfirmedAsync(email!, user.Id, user.DisplayName, Lists, "account", ct);
                if (done != SubscribeOutcome.NoLists) return Redirect(AccountBriefingsPath + "?saved=1");
            }
            else if (await subscriptions.SubscribeAsync(email!, null, Lists, SignupInput.Source(Source), ct) != SubscribeOutcome.NoLists)
            {
                // Same page whether a mail went out or every list was already active: no address probing.
                return Redirect(EmbedEndpoint.ThanksPath);
            }
            ListsError = "Choose at least one briefing.";
        }
        Choices = await subscriptions.OpenListsAsync(ct);
        return Page();
    }
}
