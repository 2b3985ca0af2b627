using Masthead.Content.Reading;
using Masthead.Site;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Masthead.Content.Feeds;

/// <summary>RSS 2.0 and Atom 1.0 feeds of the latest visible articles. Feeds are read anonymously and
/// cached: gated articles appear as a teaser (dek), never with their body.</summary>
public static class FeedEndpoints
{
    public static WebApplication MapFeeds(this WebApplication app)
    {
        app.MapGet("/feed.xml", SiteFeed).WithFeed(rss: true);
        app.MapGet("/atom.xml", SiteFeed).WithFeed(rss: false);
        app.MapGet("/sections/{slug}/feed.xml", SectionFeed).WithFeed(rss: true);
        app.MapGet("/sections/{slug}/atom.xml", SectionFeed).WithFeed(rss: false);
        app.MapGet("/tags/{slug}/feed.xml", TagFeed).WithFeed(rss: true);
        app.MapGet("/tags/{slug}/atom.xml", TagFeed).WithFeed(rss: false);
        foreach (var kind in (ArticleKind[])[ArticleKind.Memo, ArticleKind.TrendReport])
        {
            var path = ReaderPaths.Kind(kind);
            app.MapGet($"{path}/feed.xml", KindFeed(kind)).WithFeed(rss: true);
            app.MapGet($"{path}/atom.xml", KindFeed(kind)).WithFeed(rss: false);
        }
        return app;
    }

    /// <summary>Feed paths for a listing page's autodiscovery links.</summary>
    public static (string Rss, string Atom) PathsFor(string htmlPath) =>
        htmlPath == "/" ? ("/feed.xml", "/atom.xml") : ($"{htmlPath}/feed.xml", $"{htmlPath}/atom.xml");

    private static RouteHandlerBuilder WithFeed(this RouteHandlerBuilder route, bool rss) =>
        route.WithMetadata(new FeedFormat(rss)).CacheOutput(SiteModule.PublicCachePolicy);

    private sealed record FeedFormat(bool Rss);

    private static async Task<FileContentHttpResult> SiteFeed(HttpContext http, ArticleQueries queries,
        IOptions<SiteOptions> site, CancellationToken ct)
    {
        var s = site.Value;
        var channel = Channel(s.Name, s.Tagline, "/");
        return Render(http, channel, await queries.FeedAsync(ct), s, queries.Now);
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> SectionFeed(string slug, HttpContext http,
        ArticleQueries queries, IOptions<SiteOptions> site, CancellationToken ct)
    {
        if (await queries.FindSectionAsync(slug, ct) is not { } section) return TypedResults.NotFound();
        var s = site.Value;
        var channel = Channel($"{section.Name} — {s.Name}", Describe(section.Description, s), ReaderPaths.Section(section.Slug));
        return Render(http, channel, await queries.SectionFeedAsync(section.Id, ct), s, queries.Now);
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> TagFeed(string slug, HttpContext http,
        ArticleQueries queries, IOptions<SiteOptions> site, CancellationToken ct)
    {
        if (await queries.FindTagAsync(slug, ct) is not { } tag) return TypedResults.NotFound();
        var s = site.Value;
        var channel = Channel($"{tag.Name} — {s.Name}", Describe(tag.Description, s), ReaderPaths.Tag(tag.Slug));
        return Render(http, channel, await queries.TagFeedAsync(tag.Id, ct), s, queries.Now);
    }

    /// <summary>A kind's feed: PRO items are teasers, as in every other feed (the query leaves gated bodies behind).</summary>
    private static Func<HttpContext, ArticleQueries, IOptions<SiteOptions>, CancellationToken, Task<FileContentHttpResult>> KindFeed(ArticleKind kind) =>
        async (http, queries, site, ct) =>
        {
            var s = site.Value;
            var channel = Channel($"{ArticleKinds.Plural(kind)} — {s.Name}", s.Tagline, ReaderPaths.Kind(kind));
            return Render(http, channel, await queries.KindFeedAsync(kind, ct), s, queries.Now);
        };

    private static FeedChannel Channel(string title, string description, string htmlPath)
    {
        var (rss, atom) = PathsFor(htmlPath);
        return new FeedChannel(title, description, htmlPath, rss, atom);
    }

    private static string Describe(string description, SiteOptions site) =>
        string.IsNullOrWhiteSpace(description) ? site.Tagline : description;

    private static FileContentHttpResult Render(HttpContext http, FeedChannel channel, IReadOnlyList<FeedItem> items,
        SiteOptions site, DateTime now)
    {
        var rss = http.GetEndpoint()?.Metadata.GetMetadata<FeedFormat>()?.Rss ?? true;
        return rss
            ? TypedResults.Bytes(RssWriter.Write(channel, items, site, now), XmlOutput.RssContentType)
            : TypedResults.Bytes(AtomWriter.Write(channel, items, site, now), XmlOutput.AtomContentType);
    }
}
