using System.Security.Claims;

namespace Masthead.Briefings.Subscribing;

internal static class SignupInput
{
    /// <summary>A display name safe to store and to put in a To: header, or null.</summary>
    public static string? CleanName(string? input)
    {
        var name = input?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200 || name.Any(char.IsControl)) return null;
        return name;
    }

    /// <summary>Where a signup came from, from a fixed set: the form field is not trusted to write anything else.</summary>
    public static string Source(string? posted) => posted switch
    {
        "home" => "form:home",
        "article" => "form:article",
        _ => "form:page",
    };

    public static string? SignedInEmail(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.Email) : null;
}
