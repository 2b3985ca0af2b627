using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Masthead.Accounts.Pages;

internal sealed class CheckEmailModel(IOptions<AccountsOptions> options) : PageModel
{
    public const string Path = "/account/check-email";
    public int Minutes => (int)Math.Round(options.Value.MagicLinkLifetime.TotalMinutes);

    public void OnGet() { }
}
