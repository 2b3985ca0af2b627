using System.Globalization;
using Masthead.Content;
using Masthead.Tests.Support;
using static Masthead.Tests.Content.ReaderTestSupport;

namespace Masthead.Tests.Content;

public sealed class FeedsTests
{
    [Theory, ClassData(typeof(Databases))]
    public async Task RssFeedIsRss2WithSelfLinkAndCompleteItems(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        await app.CreateArticleAsync("Refinery restarts", sectionSlug: "energy", tagSlugs: ["iraq"], authorName: "Rana Haddad",
            body: "The **refinery** restarted.");
        await app.CreateArticleAsync("Ceasefire holds", sectionSlug: "security");
        var client = app.CreateBrowserClient();

        var response = await client.GetAsync("/feed.xml", TestContext.Current.CancellationToken);
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType?.MediaType);
        var rss = await client.GetXmlAsync("/feed.xml");

        Assert.Equal("rss", rss.Root!.Name.LocalName);
        Assert.Equal("2.0", (string?)rss.Root.Attribute("version"));
        var channel = rss.Root.Element("channel")!;
        var self = channel.Element(Atom + "link")!;
        Assert.Equal("self", (string?)self.Attribute("rel"));
        Assert.Equal("http://localhost/feed.xml", (string?)self.Attribute("href"));
        var items = channel.Elements("item").ToList();
        Assert.Equal(2, items.Count);
        foreach (var item in items)
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)item.Element("title")));
            Assert.StartsWith("http://localhost/articles/", (string?)item.Element("link"));
            Assert.Equal((string?)item.Element("link"), (string?)item.Element("guid"));
            Assert.True(DateTime.TryParseExact((string?)item.Element("pubDate"), "r", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal, out _), "pubDate is RFC 822");
        }
        Assert.Equal(2, items.Select(i => (string?)i.Element("guid")).Distinct().Count());
        var refinery = items.Single(i => (string?)i.Element("title") == "Refinery restarts");
        Assert.Equal("Rana Haddad", (string?)refinery.Element(XNs.Dc + "creator"));
        Assert.Contains("energy", refinery.Elements("category").Select(c => c.Value));
        Assert.Contains("iraq", refinery.Elements("category").Select(c => c.Value));
        Assert.Contains("<strong>refinery</strong>", (string?)refinery.Element(ContentNs + "encoded"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AtomFeedIsAtom1WithCompleteEntries(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        await app.CreateArticleAsync("Dam talks stall", authorName: "Omar Khalil", body: "Talks *stalled*.");
        var client = app.CreateBrowserClient();

        var response = await client.GetAsync("/atom.xml", TestContext.Current.CancellationToken);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var atom = await client.GetXmlAsync("/atom.xml");

        Assert.Equal(Atom + "feed", atom.Root!.Name);
        Assert.Equal("http://localhost/atom.xml", (string?)atom.Root.Element(Atom + "id"));
        Assert.NotNull(atom.Root.Element(Atom + "updated"));
        var entry = Assert.Single(atom.Root.Elements(Atom + "entry"));
        Assert.Equal("http://localhost/articles/dam-talks-stall", (string?)entry.Element(Atom + "id"));
        Assert.Equal("Dam talks stall", (string?)entry.Element(Atom + "title"));
        Assert.Equal("2026-11-20T08:55:00Z", (string?)entry.Element(Atom + "published"));
        Assert.NotNull(entry.Element(Atom + "updated"));
        Assert.Equal("Omar Khalil", (string?)entry.Element(Atom + "author")?.Element(Atom + "name"));
        var content = entry.Element(Atom + "content")!;
        Assert.Equal("html", (string?)content.Attribute("type"));
        Assert.Contains("<em>stalled</em>", content.Value);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task SectionAndTagFeedsListOnlyTheirOwnArticles(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        await app.CreateArticleAsync("Energy item", sectionSlug: "energy", tagSlugs: ["oil"]);
        await app.CreateArticleAsync("Security item", sectionSlug: "security", tagSlugs: ["drones"]);
        var client = app.CreateBrowserClient();

        Assert.Equal(["http://localhost/articles/energy-item"], RssLinks(await client.GetXmlAsync("/sections/energy/feed.xml")));
        Assert.Equal(["http://localhost/articles/security-item"], AtomLinks(await client.GetXmlAsync("/sections/security/atom.xml")));
        Assert.Equal(["http://localhost/articles/energy-item"], AtomLinks(await client.GetXmlAsync("/tags/oil/atom.xml")));
        Assert.Equal(["http://localhost/articles/security-item"], RssLinks(await client.GetXmlAsync("/tags/drones/feed.xml")));
        var sectionPage = await client.GetOkAsync("/sections/energy");
        Assert.Contains("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"energy (RSS)\" href=\"/sections/energy/feed.xml\" />", sectionPage);
        Assert.Contains("href=\"/tags/oil/atom.xml\"", await client.GetOkAsync("/tags/oil"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task GatedArticlesAppearInFeedsAsTeasersWithoutTheirBody(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        await app.CreateArticleAsync("Members analysis", access: AccessLevel.Members, body: "MEMBERS-SECRET-BODY", sectionSlug: "gulf");
        await app.CreateArticleAsync("Pro analysis", access: AccessLevel.Pro, body: "PRO-SECRET-BODY", sectionSlug: "gulf");
        var client = app.CreateBrowserClient();

        foreach (var path in new[] { "/feed.xml", "/atom.xml", "/sections/gulf/feed.xml", "/sections/gulf/atom.xml" })
        {
            var xml = await client.GetOkAsync(path);
            Assert.Contains("Dek for Members analysis", xml);
            Assert.Contains("Dek for Pro analysis", xml);
            Assert.DoesNotContain("MEMBERS-SECRET-BODY", xml);
            Assert.DoesNotContain("PRO-SECRET-BODY", xml);
        }
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task FeedsCarryAtMostThirtyArticles(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        var now = app.Time.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async d =>
        {
            for (var i = 0; i < 32; i++)
            {
                d.Articles.Add(new Article { Slug = $"item-{i}", Title = $"Item {i}", Status = ArticleStatus.Published,
                    PublishAt = now.AddMinutes(-i - 1), CreatedAt = now, UpdatedAt = now });
            }
            await d.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        var links = RssLinks(await app.CreateBrowserClient().GetXmlAsync("/feed.xml"));
        Assert.Equal(30, links.Count);
        Assert.Equal("http://localhost/articles/item-0", links[0]);
    }
}

internal static class XNs
{
    public static readonly System.Xml.Linq.XNamespace Dc = "http://purl.org/dc/elements/1.1/";
}
