using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Accounts.Pages;

internal sealed class AccountModel(UserManager<User> users, SignInManager<User> signIn) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? NewPassword { get; set; }

    public string Email { get; private set; } = "";
    public bool HasPassword { get; private set; }
    public bool IsStaff { get; private set; }
    public string? NameError { get; private set; }
    public string? PasswordError { get; private set; }
    [TempData] public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user, keepName: false);
        return Page();
    }

    public async Task<IActionResult> OnPostProfileAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var name = Name?.Trim();
        if (name is { Length: > 200 }) NameError = "Keep your name under 200 characters.";
        else if (name is not null && name.Any(char.IsControl)) NameError = "Your name cannot contain line breaks or control characters.";
        if (NameError is not null)
        {
            await LoadAsync(user, keepName: true);
            return Page();
        }
        user.DisplayName = PersonNames.Clean(name);
        await users.UpdateAsync(user);
        Saved = "Your name was saved.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        IdentityResult result;
        if (string.IsNullOrEmpty(NewPassword) || NewPassword.Length < AccountsModule.MinPasswordLength)
        {
            result = IdentityResult.Failed(new IdentityError { Description = $"Use at least {AccountsModule.MinPasswordLength} characters." });
        }
        else if (await users.HasPasswordAsync(user))
        {
            result = await users.ChangePasswordAsync(user, CurrentPassword ?? "", NewPassword);
        }
        else
        {
            result = await users.AddPasswordAsync(user, NewPassword);
        }
        if (!result.Succeeded)
        {
            PasswordError = string.Join(" ", result.Errors.Select(e => e.Description));
            await LoadAsync(user, keepName: false);
            return Page();
        }
        // The security stamp changed; renew this device's cookie so it stays signed in.
        await signIn.RefreshSignInAsync(user);
        Saved = "Your password was saved.";
        return RedirectToPage();
    }

    private async Task LoadAsync(User user, bool keepName)
    {
        Email = user.Email ?? "";
        if (!keepName) Name = user.DisplayName;
        HasPassword = await users.HasPasswordAsync(user);
        IsStaff = await users.IsInRoleAsync(user, Roles.Editor) || await users.IsInRoleAsync(user, Roles.Admin);
    }
}
