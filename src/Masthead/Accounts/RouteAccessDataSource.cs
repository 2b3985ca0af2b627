using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;

namespace Masthead.Accounts;

/// <summary>Wraps each of the app's endpoint sources so every endpoint it yields carries the authorization its row in
/// <see cref="RouteAccess.Table"/> gives. Applied once, after every feature has mapped its routes, so a feature
/// cannot forget it; the work happens when the endpoints are built, never per request.</summary>
internal sealed class RouteAccessDataSource(EndpointDataSource inner, ILogger logger) : EndpointDataSource
{
    private readonly Lock _lock = new();
    private IReadOnlyList<Endpoint>? _source;
    private IReadOnlyList<Endpoint> _endpoints = [];

    public override IReadOnlyList<Endpoint> Endpoints
    {
        get
        {
            lock (_lock)
            {
                var current = inner.Endpoints;
                if (!ReferenceEquals(current, _source))
                {
                    _endpoints = Apply(current);
                    _source = current;
                }
                return _endpoints;
            }
        }
    }

    public override IReadOnlyList<Endpoint> GetGroupedEndpoints(RouteGroupContext context) => Apply(inner.GetGroupedEndpoints(context));

    public override IChangeToken GetChangeToken() => inner.GetChangeToken();

    private List<Endpoint> Apply(IReadOnlyList<Endpoint> endpoints)
    {
        var unlisted = new SortedSet<string>(StringComparer.Ordinal);
        var result = endpoints.Select(e => RouteAccess.Apply(e, unlisted)).ToList();
        foreach (var route in unlisted)
        {
            logger.LogError("Route /{Route} has no row in the route access table (Accounts/RouteAccess.cs): only admins may open it until it has one", route);
        }
        return result;
    }
}

public static class RouteAccessExtensions
{
    /// <summary>Call after every Map*: wraps the app's endpoint sources in <see cref="RouteAccessDataSource"/>.</summary>
    public static WebApplication MapRouteAccess(this WebApplication app)
    {
        var sources = ((IEndpointRouteBuilder)app).DataSources;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RouteAccess));
        var wrapped = sources.Select(s => s as RouteAccessDataSource ?? new RouteAccessDataSource(s, logger)).ToList<EndpointDataSource>();
        sources.Clear();
        foreach (var source in wrapped) sources.Add(source);
        return app;
    }
}
