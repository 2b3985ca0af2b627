using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Accounts.Pages;

/// <summary>Signing out changes state, so only a POST with an antiforgery token does it; a GET
/// (a link, an image tag on another site) only shows the button. Signing out renews the security stamp, which
/// ends every session of the account, including a copy of this cookie taken earlier.</summary>
internal sealed class SignOutModel(SignInManager<User> signIn) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user) await signIn.UserManager.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
