using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Masthead.Accounts.Pages;

[EnableRateLimiting(AccountsRateLimit.Name)]
internal sealed class SignInModel(SignInManager<User> signIn, PasswordSignIn passwords, MagicLinks links) : PageModel
{
    public const string LimitedMessage =
        "Too many sign-in links were requested for this address. Please wait a few minutes, then check your inbox or try again.";

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }

    public string? LinkError { get; private set; }
    public string? PasswordError { get; private set; }
    public bool Limited { get; private set; }
    public string ReturnQuery => LocalReturnUrl is { } r ? "?ReturnUrl=" + Uri.EscapeDataString(r) : "";
    private string? LocalReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;

    public void OnGet() { }

    /// <summary>Same answer for every well-formed address, known or not: the link creates the
    /// account when it is used.</summary>
    public async Task<IActionResult> OnPostLinkAsync(CancellationToken ct)
    {
        var email = EmailAddresses.Normalize(Email);
        if (email is null)
        {
            LinkError = "Enter a valid email address, like name@example.com.";
            return Page();
        }
        if (await links.RequestAsync(email, LocalReturnUrl, forSignUp: false, ct) == MagicLinkRequest.Limited)
        {
            Limited = true;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        return LocalRedirect(CheckEmailModel.Path);
    }

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            PasswordError = "Enter your email address and password.";
            return Page();
        }
        // No account has an address that does not normalise or does not fit the column; those fail like any other.
        var email = EmailAddresses.Normalize(Email) ?? Email.Trim().ToLowerInvariant();
        if (email.Length <= 256)
        {
            var result = await passwords.SignInAsync(email, Password, HttpContext.Connection.RemoteIpAddress, ct);
            if (result.Outcome == PasswordSignInOutcome.SignedIn)
            {
                return LocalRedirect(await AccountsModule.LandingAsync(signIn.UserManager, result.User!, LocalReturnUrl, "/"));
            }
            if (result.Outcome == PasswordSignInOutcome.Waiting)
            {
                var seconds = (int)Math.Ceiling(result.Wait.TotalSeconds);
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                PasswordError = $"Too many failed attempts for this address from your connection: password sign-in is paused " +
                    $"for {(seconds < 120 ? $"{seconds} seconds" : $"{(seconds + 59) / 60} minutes")}. You can email yourself a sign-in link now.";
                return Page();
            }
        }
        // One message for every failure (unknown address, wrong password, unconfirmed), so the form does not tell
        // which addresses have accounts.
        PasswordError = "That email and password do not match an account. After repeated failures password " +
            "sign-in pauses for a while; you can always email yourself a sign-in link.";
        return Page();
    }
}
