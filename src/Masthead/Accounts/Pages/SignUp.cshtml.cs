using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Masthead.Accounts.Pages;

[EnableRateLimiting(AccountsRateLimit.Name)]
internal sealed class SignUpModel(UserAccounts accounts, MagicLinks links, IPasswordHasher<User> hasher, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Password { get; set; }
    /// <summary>Honeypot.</summary>
    [BindProperty] public string? Website { get; set; }

    public string? EmailError { get; private set; }
    public string? NameError { get; private set; }
    public string? PasswordError { get; private set; }
    public bool Limited { get; private set; }

    public void OnGet() { }

    /// <summary>Every accepted sign-up ends on the same "check your email" page with one link sent,
    /// whether the address was new, already registered, or (for bots) nothing was sent at all.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var email = EmailAddresses.Normalize(Email);
        if (email is null) EmailError = "Enter a valid email address, like name@example.com.";
        var name = Name?.Trim();
        if (name is { Length: > 200 }) NameError = "Keep your name under 200 characters.";
        else if (name is not null && name.Any(char.IsControl)) NameError = "Your name cannot contain line breaks or control characters.";
        if (!string.IsNullOrEmpty(Password) && Password.Length < AccountsModule.MinPasswordLength)
        {
            PasswordError = $"Use at least {AccountsModule.MinPasswordLength} characters, or leave the password empty.";
        }
        if (EmailError is not null || NameError is not null || PasswordError is not null) return Page();
        if (!string.IsNullOrEmpty(Website)) return LocalRedirect(CheckEmailModel.Path);

        var now = time.GetUtcNow().UtcDateTime;
        var returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;
        var password = string.IsNullOrEmpty(Password) ? null : Password;
        if (await accounts.FindAsync(email!) is { } existing)
        {
            // The same work as creating the account, whose cost is the hash: the answer's time must not tell
            // that the address is taken. The hash is thrown away; the account's password stays as it was.
            if (password is not null) hasher.HashPassword(existing, password);
        }
        else
        {
            // Unconfirmed until the link is used; the link issued now carries the same instant, which
            // is what lets the password survive confirmation (see UserAccounts.SignInByLinkAsync).
            var (_, result) = await accounts.CreateAsync(email!, name, password,
                emailConfirmed: false, createdAt: now);
            if (!result.Succeeded && result.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)))
            {
                PasswordError = string.Join(" ", result.Errors.Select(e => e.Description));
                return Page();
            }
        }
        if (await links.RequestAsync(email!, returnUrl, forSignUp: true, ct, issuedAt: now) == MagicLinkRequest.Limited)
        {
            Limited = true;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        return LocalRedirect(CheckEmailModel.Path);
    }
}
