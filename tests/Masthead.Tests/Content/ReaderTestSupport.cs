using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Masthead.Tests.Support;

namespace Masthead.Tests.Content;

/// <summary>Helpers for the reader-site, feed and SEO tests.</summary>
internal static partial class ReaderTestSupport
{
    /// <summary>Tests that change content straight in the database (not through the admin, which evicts
    /// the cache) turn the output cache off so no page is served stale.</summary>
    public static Dictionary<string, string?> NoCache => new() { ["Site:OutputCacheSeconds"] = "0" };

    public static Task<TestApp> StartUncachedAsync(Db db, Dictionary<string, string?>? extra = null)
    {
        var settings = NoCache;
        foreach (var (k, v) in extra ?? []) settings[k] = v;
        return TestApp.StartAsync(db, settings);
    }

    public static async Task<(HttpStatusCode Status, string Body)> FetchAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public static async Task<string> GetOkAsync(this HttpClient client, string url)
    {
        var (status, body) = await client.FetchAsync(url);
        Assert.True(status == HttpStatusCode.OK, $"GET {url} returned {(int)status}");
        return body;
    }

    public static async Task<XDocument> GetXmlAsync(this HttpClient client, string url) =>
        XDocument.Parse(await client.GetOkAsync(url));

    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    public static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    public static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";
    public static readonly XNamespace ContentNs = "http://purl.org/rss/1.0/modules/content/";

    public static IReadOnlyList<string> RssLinks(XDocument rss) =>
        rss.Root!.Element("channel")!.Elements("item").Select(i => (string)i.Element("link")!).ToList();

    public static IReadOnlyList<string> AtomLinks(XDocument atom) =>
        atom.Root!.Elements(Atom + "entry").Select(e => (string)e.Element(Atom + "link")!.Attribute("href")!).ToList();

    public static IReadOnlyList<string> SitemapLocs(XDocument sitemap) =>
        sitemap.Root!.Elements(Sitemap + "url").Select(u => (string)u.Element(Sitemap + "loc")!).ToList();

    [GeneratedRegex("<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex JsonLdRegex();

    public static IReadOnlyList<string> JsonLdBlocks(string html) =>
        JsonLdRegex().Matches(html).Select(m => m.Groups[1].Value).ToList();

    /// <summary>Everything visible where an article appears: the page, home, both site feeds and the sitemap.</summary>
    public static async Task<Presence> WhereIsAsync(HttpClient client, string slug)
    {
        var url = $"http://localhost/articles/{slug}";
        var (pageStatus, _) = await client.FetchAsync($"/articles/{slug}");
        var home = await client.GetOkAsync("/");
        var rss = RssLinks(await client.GetXmlAsync("/feed.xml"));
        var atom = AtomLinks(await client.GetXmlAsync("/atom.xml"));
        var sitemap = SitemapLocs(await client.GetXmlAsync("/sitemap.xml"));
        var news = SitemapLocs(await client.GetXmlAsync("/news-sitemap.xml"));
        return new Presence(pageStatus == HttpStatusCode.OK, home.Contains($"href=\"/articles/{slug}\""),
            rss.Contains(url), atom.Contains(url), sitemap.Contains(url), news.Contains(url));
    }

    public sealed record Presence(bool Page, bool Home, bool Rss, bool Atom, bool Sitemap, bool NewsSitemap)
    {
        public bool Anywhere => Page || Home || Rss || Atom || Sitemap || NewsSitemap;
        public bool Everywhere => Page && Home && Rss && Atom && Sitemap && NewsSitemap;
    }
}
