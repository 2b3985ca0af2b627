using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Masthead.Site;

/// <summary>Where <see cref="SiteOptions.BaseUrl"/> comes from when it is not set. Every email link, canonical URL,
/// OpenGraph URL, sitemap entry and API <c>next</c> link is built from it, so a wrong guess sends readers elsewhere.
/// In Development it is the address the site listens on (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, the launch profile or
/// Kestrel's endpoints, with a wildcard host read as localhost), corrected once the server has bound its ports (a
/// port 0 becomes the real one). Anywhere else it must be set: a public site's address cannot be guessed from a
/// socket behind a proxy, and the app refuses to start without it.</summary>
internal static class SiteBaseUrl
{
    public const string Missing =
        "Site:BaseUrl is not set. Outside Development it must be the site's public address (for example " +
        "https://news.example.org, or the environment variable Site__BaseUrl): every email link, canonical URL, feed and " +
        "sitemap entry is built from it.";

    /// <summary>Kestrel's own default when nothing says where to listen.</summary>
    private const string KestrelDefault = "http://localhost:5000";

    public static void Configure(WebApplicationBuilder builder)
    {
        var derived = builder.Environment.IsDevelopment();
        builder.Services.PostConfigure<SiteOptions>(o =>
        {
            if (string.IsNullOrWhiteSpace(o.BaseUrl) && derived)
            {
                o.BaseUrl = FromConfiguration(builder.Configuration);
                o.BaseUrlDerived = true;
            }
        });
        builder.Services.AddOptions<SiteOptions>().Validate(o => IsAbsoluteHttp(o.BaseUrl), Missing);
    }

    /// <summary>After start: a derived address is checked against the ports really bound, and said.</summary>
    public static void Announce(WebApplication app)
    {
        var site = app.Services.GetRequiredService<IOptions<SiteOptions>>().Value;
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SiteBaseUrl));
            if (!site.BaseUrlDerived)
            {
                logger.LogInformation("Links in emails, feeds and sitemaps use Site:BaseUrl {BaseUrl}", site.BaseUrl);
                return;
            }
            var bound = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            if (bound.Select(Normalise).FirstOrDefault(IsAbsoluteHttp) is { } actual) site.BaseUrl = actual;
            logger.LogInformation("Site:BaseUrl is not set: links in emails, feeds and sitemaps use {BaseUrl}, the address this site listens on (Development only; set Site:BaseUrl anywhere else)", site.BaseUrl);
        });
    }

    public static string FromConfiguration(IConfiguration configuration)
    {
        var urls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>();
        var first = urls.Concat(endpoints).Select(Normalise).FirstOrDefault(IsAbsoluteHttp);
        return first ?? KestrelDefault;
    }

    /// <summary>"http://*:5055", "http://+:5055", "http://0.0.0.0:5055" and "http://[::]:5055" listen everywhere; a
    /// browser on this machine reaches them at localhost.</summary>
    private static string Normalise(string address)
    {
        var url = address.Trim().TrimEnd('/');
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0) return url;
        var rest = url[(scheme + 3)..];
        foreach (var wildcard in new[] { "*", "+", "0.0.0.0", "[::]" })
        {
            if (rest == wildcard || rest.StartsWith(wildcard + ":", StringComparison.Ordinal))
            {
                return url[..(scheme + 3)] + "localhost" + rest[wildcard.Length..];
            }
        }
        return url;
    }

    private static bool IsAbsoluteHttp(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
