using System.Security.Claims;
using Masthead.Accounts;

namespace Masthead.Admin;

/// <summary>The admin navigation: every area, shown to a member of staff only when the route table lets their role
/// open it, so the menu and the permissions cannot disagree.</summary>
public static class AdminAreas
{
    public sealed record Area(string Href, string Label);

    private static readonly Area[] All =
    [
        new("/admin", "Dashboard"),
        new("/admin/articles", "Articles"),
        new("/admin/authors", "Authors"),
        new("/admin/sections", "Sections"),
        new("/admin/tags", "Tags"),
        new("/admin/media", "Media"),
        new("/admin/briefings", "Briefings"),
        new("/admin/events", "Events"),
        new("/admin/members", "Members"),
        new("/admin/billing", "Billing"),
        new("/admin/plans", "Plans and prices"),
        new("/admin/subscribers", "Subscribers"),
        new("/admin/suppressions", "Suppressions"),
        new("/admin/delivery", "Delivery"),
        new("/admin/mail", "Mailbox"),
    ];

    public static IEnumerable<Area> For(ClaimsPrincipal user)
    {
        var admin = user.IsInRole(Roles.Admin);
        var staff = admin || user.IsInRole(Roles.Editor);
        return All.Where(a => RouteAccess.For(a.Href) is { } access
            && RouteAccess.Allows(access, user.Identity?.IsAuthenticated == true, staff, admin));
    }
}
