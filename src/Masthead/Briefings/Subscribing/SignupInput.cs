using System.Security.Claims;
using Masthead.Accounts;

namespace Masthead.Briefings.Subscribing;

internal static class SignupInput
{
    /// <summary>A display name safe to store and to put in a To: header (see <see cref="PersonNames"/>), or null.</summary>
    public static string? CleanName(string? input) => PersonNames.Clean(input) is { Length: <= 200 } name ? name : null;

    /// <summary>Where a signup came from, from a fixed set: the form field is not trusted to write anything else.</summary>
    public static string Source(string? posted) => "form:" + FormName(posted);

    /// <summary>Which form a signup was made on: the box on the home, article or briefings page, or the full page.</summary>
    public static string FormName(string? posted) => posted is "home" or "article" or "briefings" ? posted : "page";

    public static string? SignedInEmail(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.Email) : null;
}
