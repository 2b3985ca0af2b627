using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Masthead.Accounts.Pages;

/// <summary>GET only shows the address, so mail scanners that prefetch links do not use them up;
/// the POST from the button consumes the token.</summary>
[EnableRateLimiting(AccountsRateLimit.Name)]
internal sealed class MagicModel(MagicLinks links, UserAccounts accounts, SignInManager<User> signIn,
    IOptions<AccountsOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    public string? Email { get; private set; }
    public int Minutes => (int)Math.Round(options.Value.MagicLinkLifetime.TotalMinutes);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Email = await links.PeekAsync(Token, ct);
        return Email is null ? Invalid() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var grant = await links.ConsumeAsync(Token, ct);
        if (grant is null) return Invalid();
        var user = await accounts.SignInByLinkAsync(grant);
        await signIn.SignInAsync(user, isPersistent: true, authenticationMethod: "magic-link");
        return LocalRedirect(await AccountsModule.LandingAsync(signIn.UserManager, user,
            Url.IsLocalUrl(grant.ReturnUrl) ? grant.ReturnUrl : null, "/account"));
    }

    private PageResult Invalid()
    {
        Email = null;
        Token = null;
        Response.StatusCode = StatusCodes.Status410Gone;
        return Page();
    }
}
