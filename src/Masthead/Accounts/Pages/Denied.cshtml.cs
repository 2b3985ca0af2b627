using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Accounts.Pages;

internal sealed class DeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
