using Masthead.Content.Reading;
using Masthead.Site;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Masthead.Content.Feeds;

/// <summary>sitemap.xml, the Google News sitemap and robots.txt that points crawlers at them.</summary>
public static class SitemapEndpoints
{
    private const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string NewsNs = "http://www.google.com/schemas/sitemap-news/0.9";

    public static WebApplication MapSitemaps(this WebApplication app)
    {
        app.MapGet("/sitemap.xml", Sitemap).CacheOutput(SiteModule.PublicCachePolicy);
        app.MapGet("/news-sitemap.xml", NewsSitemap).CacheOutput(SiteModule.PublicCachePolicy);
        app.MapGet("/robots.txt", Robots).CacheOutput(SiteModule.PublicCachePolicy);
        return app;
    }

    private static async Task<FileContentHttpResult> Sitemap(SitemapQueries queries, IOptions<SiteOptions> site, CancellationToken ct)
    {
        var s = site.Value;
        var entries = await queries.EntriesAsync(ct);
        var xml = XmlOutput.Write(w =>
        {
            w.WriteStartElement("urlset", SitemapNs);
            Url(w, s.Absolute("/"), entries.Select(e => e.LastModified).Max());
            foreach (var entry in entries) Url(w, s.Absolute(entry.Path), entry.LastModified);
            w.WriteEndElement();
        });
        return TypedResults.Bytes(xml, XmlOutput.XmlContentType);

        static void Url(System.Xml.XmlWriter w, string loc, DateTime? lastModified)
        {
            w.WriteStartElement("url");
            w.Element("loc", loc);
            if (lastModified is { } at) w.Element("lastmod", XmlOutput.Rfc3339(at));
            w.WriteEndElement();
        }
    }

    private static async Task<FileContentHttpResult> NewsSitemap(SitemapQueries queries, IOptions<SiteOptions> site, CancellationToken ct)
    {
        var s = site.Value;
        var entries = await queries.NewsAsync(ct);
        var xml = XmlOutput.Write(w =>
        {
            w.WriteStartElement("urlset", SitemapNs);
            w.WriteAttributeString("xmlns", "news", null, NewsNs);
            foreach (var entry in entries)
            {
                w.WriteStartElement("url");
                w.Element("loc", s.Absolute(ReaderPaths.Article(entry.Slug)));
                w.WriteStartElement("news", "news", NewsNs);
                w.WriteStartElement("news", "publication", NewsNs);
                w.Element("news", "name", NewsNs, s.Name);
                w.Element("news", "language", NewsNs, NewsLanguage(entry.Language));
                w.WriteEndElement();
                w.Element("news", "publication_date", NewsNs, XmlOutput.Rfc3339(entry.PublishedAt));
                w.Element("news", "title", NewsNs, entry.Title);
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
        });
        return TypedResults.Bytes(xml, XmlOutput.XmlContentType);
    }

    /// <summary>Google News wants an ISO 639 code, except zh-cn / zh-tw.</summary>
    private static string NewsLanguage(string language)
    {
        var lower = language.ToLowerInvariant();
        return lower is "zh-cn" or "zh-tw" ? lower : lower.Split('-', 2)[0];
    }

    private static ContentHttpResult Robots(IOptions<SiteOptions> site)
    {
        var s = site.Value;
        var text = $"""
            User-agent: *
            Disallow: /admin
            Disallow: /account
            Allow: /

            Sitemap: {s.Absolute("/sitemap.xml")}
            Sitemap: {s.Absolute("/news-sitemap.xml")}

            """;
        return TypedResults.Text(text, "text/plain; charset=utf-8");
    }
}
