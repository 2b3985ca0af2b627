using System.Security.Claims;
using Masthead.Accounts;

namespace Masthead.Content.Reading;

/// <summary>Who may read an article's body. Every channel (page, feeds, JSON-LD, later the API and email)
/// asks here, so the rule lives in one place.</summary>
public static class ContentAccess
{
    public static bool CanReadBody(ClaimsPrincipal? user, AccessLevel level) => level switch
    {
        AccessLevel.Public => true,
        AccessLevel.Members => user?.Identity?.IsAuthenticated == true,
        AccessLevel.Pro => IsPro(user),
        _ => false,
    };

    /// <summary>Channels without a reader (feeds, sitemaps, shared caches) see what an anonymous reader sees.</summary>
    public static bool IsOpenToEveryone(AccessLevel level) => level == AccessLevel.Public;

    /// <summary>Seam for the PRO issue: today only staff read PRO pieces. When memberships arrive, this
    /// becomes "staff, or holds an active PRO entitlement" (a claim or a lookup), and nothing else changes.</summary>
    private static bool IsPro(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true && (user.IsInRole(Roles.Editor) || user.IsInRole(Roles.Admin));
}
