using Masthead.Accounts;
using Masthead.Site;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Masthead.Briefings.Subscribing.Pages;

/// <summary>The full signup form, and the target of the signup box on the home, article and briefings pages:
/// one POST subscribes. The box sits on output-cached pages and so carries no antiforgery token; this handler
/// is safe without one (see SignupBox.cshtml): for a POST that is not same-origin it acts as for an anonymous
/// visitor, whose signup only ever creates a pending address and sends one confirmation email.</summary>
[EnableRateLimiting(SubscribeRateLimit.Name)]
[IgnoreAntiforgeryToken]
internal sealed class SubscribeModel(BriefingSubscriptions subscriptions, UserManager<User> users) : PageModel
{
    public const string AccountBriefingsPath = "/account/briefings";

    // The address is never bound from the query string: it would land in logs and referrers.
    [BindProperty] public string? Email { get; set; }
    [BindProperty(SupportsGet = true)] public List<int> Lists { get; set; } = [];
    [BindProperty(SupportsGet = true)] public string? Source { get; set; }
    /// <summary>Honeypot.</summary>
    [BindProperty] public string? Website { get; set; }

    public IReadOnlyList<ListChoice> Choices { get; private set; } = [];
    public string? EmailError { get; private set; }
    public string? ListsError { get; private set; }
    /// <summary>The address is the signed-in reader's own (proven) one, which subscribes at once; any other
    /// address is confirmed by email first. The same comparison the POST makes.</summary>
    public bool ToAccountAddress => EmailAddresses.Normalize(Email) is { } email
        && email == EmailAddresses.Normalize(SignupInput.SignedInEmail(User));

    /// <summary>?list=slug ticks a list by name (links from a briefing's page); ?invalid=1 comes back from the
    /// embedded form.</summary>
    public async Task OnGetAsync([FromQuery(Name = "list")] string[]? list, bool invalid, CancellationToken ct)
    {
        Choices = await subscriptions.OpenListsAsync(ct);
        var slugs = list ?? [];
        Lists = Choices.Where(c => slugs.Contains(c.Slug) || Lists.Contains(c.Id)).Select(c => c.Id).ToList();
        Email = SignupInput.SignedInEmail(User);
        Source = SignupInput.FormName(Source);
        if (invalid) EmailError = "Enter a valid email address and choose at least one briefing.";
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Bots get the same page as people, and nothing is stored or sent.
        if (!string.IsNullOrEmpty(Website)) return Redirect(EmbedEndpoint.ThanksPath);
        // A foreign page's form arrives without the auth cookie (SameSite=Lax); if one arrives with it anyway,
        // it is still treated as anonymous.
        var reader = SameOriginPosts.IsSameOrigin(Request) && User.Identity?.IsAuthenticated == true ? User : null;
        // The signed-in box has no address field: the account's address is meant.
        if (string.IsNullOrWhiteSpace(Email) && reader is not null) Email = SignupInput.SignedInEmail(reader);
        var email = EmailAddresses.Normalize(Email);
        if (email is null) EmailError = "Enter a valid email address, like name@example.com.";
        if (Lists.Count == 0) ListsError = "Choose at least one briefing.";
        if (EmailError is null && ListsError is null)
        {
            var user = reader is null ? null : await users.GetUserAsync(reader);
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
        Source = SignupInput.FormName(Source);
        return Page();
    }
}
