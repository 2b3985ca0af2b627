using Masthead.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Masthead.Admin;

public static class AdminModule
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section)
            .Validate(o => TryFindZone(o.TimeZone), "Admin:TimeZone is not a known time zone id.")
            .ValidateOnStart();
        builder.Services.AddSingleton<NewsroomClock>();
        return builder;
    }

    public static WebApplication MapAdmin(this WebApplication app) => app;

    /// <summary>The group for minimal-API endpoints under /admin (previews, raw message parts): the staff
    /// policy is set once here, as Razor pages under /admin get it from <see cref="RequireStaffUnderAdmin"/>.</summary>
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/admin").RequireAuthorization(Policies.Staff);

    /// <summary>Every endpoint routed under /admin requires the staff policy, wherever its page
    /// file lives, so a feature's admin page cannot forget the check.</summary>
    public static TBuilder RequireStaffUnderAdmin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route && IsAdminRoute(route.RoutePattern.RawText))
            {
                endpoint.Metadata.Add(new AuthorizeAttribute(Policies.Staff));
            }
        });
        return builder;
    }

    internal static bool IsAdminRoute(string? pattern)
    {
        var p = (pattern ?? "").TrimStart('/');
        return p.Equals("admin", StringComparison.OrdinalIgnoreCase) || p.StartsWith("admin/", StringComparison.OrdinalIgnoreCase);
    }

    private static bool TryFindZone(string id)
    {
        try { TimeZoneInfo.FindSystemTimeZoneById(id); return true; }
        catch (TimeZoneNotFoundException) { return false; }
        catch (InvalidTimeZoneException) { return false; }
    }
}
