using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Accounts.Pages;

/// <summary>Signing out changes state, so only a POST with an antiforgery token does it; a GET
/// (a link, an image tag on another site) only shows the button.</summary>
internal sealed class SignOutModel(SignInManager<User> signIn) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
