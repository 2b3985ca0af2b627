using System.Net;
using System.Text.Json;
using Masthead.Content;
using Masthead.Tests.Support;
using static Masthead.Tests.Content.ReaderTestSupport;

namespace Masthead.Tests.Content;

public sealed class SeoTests
{
    [Theory, ClassData(typeof(Databases))]
    public async Task ArticleHasWellFormedNewsArticleJsonLd(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        await app.CreateArticleAsync("Oil output steady", sectionSlug: "energy", authorName: "Rana Haddad");

        var html = await app.CreateBrowserClient().GetOkAsync("/articles/oil-output-steady");

        using var doc = JsonDocument.Parse(Assert.Single(JsonLdBlocks(html)));
        var root = doc.RootElement;
        Assert.Equal("NewsArticle", root.GetProperty("@type").GetString());
        Assert.Equal("Oil output steady", root.GetProperty("headline").GetString());
        Assert.Equal("Dek for Oil output steady", root.GetProperty("description").GetString());
        Assert.Equal("2026-11-20T08:55:00Z", root.GetProperty("datePublished").GetString());
        Assert.True(root.TryGetProperty("dateModified", out _));
        var author = Assert.Single(root.GetProperty("author").EnumerateArray().ToList());
        Assert.Equal("Person", author.GetProperty("@type").GetString());
        Assert.Equal("http://localhost/authors/rana-haddad", author.GetProperty("url").GetString());
        Assert.Equal("Organization", root.GetProperty("publisher").GetProperty("@type").GetString());
        Assert.Equal("http://localhost/articles/oil-output-steady", root.GetProperty("mainEntityOfPage").GetProperty("@id").GetString());
        Assert.Equal("energy", root.GetProperty("articleSection").GetString());
        Assert.Equal("en", root.GetProperty("inLanguage").GetString());
        Assert.True(root.GetProperty("isAccessibleForFree").GetBoolean());
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ScriptInTitleCannotBreakOutOfJsonLd(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        const string title = "Markets </script><script>alert(1)</script> rally";
        await app.CreateArticleAsync(title, slug: "markets-rally");

        var html = await app.CreateBrowserClient().GetOkAsync("/articles/markets-rally");

        Assert.DoesNotContain("<script>alert(1)", html);
        using var doc = JsonDocument.Parse(Assert.Single(JsonLdBlocks(html)));
        Assert.Equal(title, doc.RootElement.GetProperty("headline").GetString());
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task GatedArticleIsMarkedNotFreeInJsonLd(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        await app.CreateArticleAsync("Pro outlook", access: AccessLevel.Pro, body: "PRO-BODY");

        var html = await app.CreateBrowserClient().GetOkAsync("/articles/pro-outlook");

        using var doc = JsonDocument.Parse(Assert.Single(JsonLdBlocks(html)));
        Assert.False(doc.RootElement.GetProperty("isAccessibleForFree").GetBoolean());
        Assert.DoesNotContain("PRO-BODY", html);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ArticleHasOpenGraphWithAbsoluteUrls(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        var article = await app.CreateArticleAsync("Port reopens", sectionSlug: "trade", tagSlugs: ["shipping"]);
        await app.WithDbAsync(async d =>
        {
            var a = await d.Articles.FindAsync([article.Id], TestContext.Current.CancellationToken);
            a!.HeroImageUrl = "/media/port.jpg";
            a.HeroImageAlt = "Cranes at dawn";
            a.HeroCaption = "The port at first light.";
            a.HeroCredit = "Ledger photo";
            await d.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        var html = await app.CreateBrowserClient().GetOkAsync("/articles/port-reopens");

        Assert.Contains("<meta property=\"og:type\" content=\"article\" />", html);
        Assert.Contains("<meta property=\"og:title\" content=\"Port reopens\" />", html);
        Assert.Contains("<meta property=\"og:url\" content=\"http://localhost/articles/port-reopens\" />", html);
        Assert.Contains("<meta property=\"og:image\" content=\"http://localhost/cards/articles/port-reopens.png?v=", html);
        Assert.Contains("<meta property=\"article:published_time\" content=\"2026-11-20T08:55:00Z\" />", html);
        Assert.Contains("<meta property=\"article:section\" content=\"trade\" />", html);
        Assert.Contains("<meta property=\"article:tag\" content=\"shipping\" />", html);
        Assert.Contains("<img src=\"/media/port.jpg\" alt=\"Cranes at dawn\" />", html);
        Assert.Contains("The port at first light.", html);
        Assert.Contains("Ledger photo", html);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task RobotsTxtKeepsCrawlersOutOfAdminAndAccountAndNamesTheSitemaps(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var response = await app.CreateBrowserClient().GetAsync("/robots.txt", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("User-agent: *", text);
        Assert.Contains("Disallow: /admin", text);
        Assert.Contains("Disallow: /account", text);
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", text);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task SitemapListsVisibleArticlesSectionsTagsAndAuthorsWithLastModified(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        await app.CreateArticleAsync("Visible piece", sectionSlug: "energy", tagSlugs: ["oil"], authorName: "Rana Haddad");
        await app.CreateArticleAsync("Draft piece", ArticleStatus.Draft, tagSlugs: ["secret-tag"], authorName: "Hidden Author");

        var sitemap = await app.CreateBrowserClient().GetXmlAsync("/sitemap.xml");

        Assert.Equal(Sitemap + "urlset", sitemap.Root!.Name);
        var locs = SitemapLocs(sitemap);
        Assert.Contains("http://localhost/articles/visible-piece", locs);
        Assert.Contains("http://localhost/sections/energy", locs);
        Assert.Contains("http://localhost/tags/oil", locs);
        Assert.Contains("http://localhost/authors/rana-haddad", locs);
        Assert.DoesNotContain("http://localhost/articles/draft-piece", locs);
        Assert.DoesNotContain("http://localhost/tags/secret-tag", locs);
        Assert.DoesNotContain("http://localhost/authors/hidden-author", locs);
        var article = sitemap.Root.Elements(Sitemap + "url").Single(u => (string?)u.Element(Sitemap + "loc") == "http://localhost/articles/visible-piece");
        // Edited at 09:00 after its 08:55 publish time: lastmod is the later of the two.
        Assert.Equal("2026-11-20T09:00:00Z", (string?)article.Element(Sitemap + "lastmod"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task NewsSitemapListsOnlyArticlesFromTheLastTwoDays(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        var now = app.Time.GetUtcNow().UtcDateTime;
        await app.CreateArticleAsync("Fresh news", publishAt: now.AddHours(-30), language: "ar", slug: "fresh-news");
        await app.CreateArticleAsync("Old news", publishAt: now.AddDays(-3));

        var news = await app.CreateBrowserClient().GetXmlAsync("/news-sitemap.xml");

        var url = Assert.Single(news.Root!.Elements(Sitemap + "url"));
        Assert.Equal("http://localhost/articles/fresh-news", (string?)url.Element(Sitemap + "loc"));
        var item = url.Element(News + "news")!;
        Assert.Equal("The Levant Ledger", (string?)item.Element(News + "publication")!.Element(News + "name"));
        Assert.Equal("ar", (string?)item.Element(News + "publication")!.Element(News + "language"));
        Assert.Equal("2026-11-19T03:00:00Z", (string?)item.Element(News + "publication_date"));
        Assert.Equal("Fresh news", (string?)item.Element(News + "title"));
    }
}
