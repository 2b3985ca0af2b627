using Masthead.Accounts;

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

    /// <summary>The group for minimal-API endpoints under /admin (previews, raw message parts); who may open each
    /// is written in the route table (Accounts/RouteAccess.cs), as for every other route.</summary>
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app) => app.MapGroup("/admin");

    private static bool TryFindZone(string id)
    {
        try { TimeZoneInfo.FindSystemTimeZoneById(id); return true; }
        catch (TimeZoneNotFoundException) { return false; }
        catch (InvalidTimeZoneException) { return false; }
    }
}
