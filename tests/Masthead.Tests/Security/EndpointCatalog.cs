using Masthead.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Masthead.Tests.Support;

namespace Masthead.Tests.Security;

/// <summary>The app's own route table, so security tests cover every page added later without a list to keep.</summary>
internal static class EndpointCatalog
{
    /// <summary>GET routes without parameters, as URLs.</summary>
    public static IReadOnlyList<string> ParameterlessGetRoutes(TestApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Count == 0)
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not { } m || m.HttpMethods.Contains("GET"))
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(url => !url.Contains('{') && !url.Contains('*'))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<string> AdminRoutes(TestApp app) =>
        ParameterlessGetRoutes(app).Where(u => u == "/admin" || u.StartsWith("/admin/", StringComparison.Ordinal)).ToList();

    /// <summary>Admin routes whose endpoint requires the admin policy (editors are refused there), as URLs.</summary>
    public static IReadOnlySet<string> AdminOnlyRoutes(TestApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == Policies.Admin))
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .ToHashSet(StringComparer.Ordinal);
}
