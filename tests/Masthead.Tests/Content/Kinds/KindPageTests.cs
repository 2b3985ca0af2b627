using System.Net;
using System.Text.RegularExpressions;
using Masthead.Content;
using Masthead.Content.Search;
using Masthead.Tests.Membership;
using Masthead.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Masthead.Tests.Content.ReaderTestSupport;

namespace Masthead.Tests.Content.Kinds;

public sealed partial class KindPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("<span class=\"badge badge-kind\">([^<]*)</span>")]
    private static partial Regex KindBadge();

    private static List<string> KindBadges(string html) => [.. KindBadge().Matches(html).Select(m => m.Groups[1].Value)];

    [Theory, ClassData(typeof(Databases))]
    public async Task EveryListingLabelsMemosAndTrendReportsAndLeavesStoriesUnlabelled(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        foreach (var (title, kind, access) in new[]
        {
            ("Harbour story", ArticleKind.Story, AccessLevel.Public),
            ("Harbour pro memo", ArticleKind.Memo, AccessLevel.Pro),
            ("Harbour open memo", ArticleKind.Memo, AccessLevel.Public),
            ("Harbour trend report", ArticleKind.TrendReport, AccessLevel.Pro),
        })
        {
            var article = await app.CreateArticleAsync(title, kind: kind, access: access, sectionSlug: "analysis", tagSlugs: ["ports"],
                authorName: "Huda Al-Kindi", body: "Harbour cranes idle.");
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ISearchIndex>().IndexAsync(article.Id, Ct);
        }
        var client = app.CreateBrowserClient();

        foreach (var path in new[] { "/", "/sections/analysis", "/tags/ports", "/authors/huda-al-kindi", "/search?q=harbour" })
        {
            // The home page shows a piece twice (latest, and its section's block): each label as often as the others.
            var badges = KindBadges(await client.GetOkAsync(path)).GroupBy(b => b).ToDictionary(g => g.Key, g => g.Count());
            Assert.True(badges.Keys.Order().SequenceEqual(["Memo", "PRO memo", "Trend report"]) && badges.Values.Distinct().Count() == 1,
                $"{path}: {string.Join(", ", badges)}");
        }
        // The label is on the page too, and "PRO memo" already says PRO: no second PRO badge beside it.
        var memoPage = await client.GetOkAsync("/articles/harbour-pro-memo");
        Assert.Contains("<a class=\"badge badge-kind\" href=\"/memos\">PRO memo</a>", memoPage);
        Assert.DoesNotContain("<span class=\"badge\">PRO</span>", memoPage);
        Assert.Contains("<a class=\"badge badge-kind\" href=\"/trends\">Trend report</a>", await client.GetOkAsync("/articles/harbour-trend-report"));
        Assert.Contains("<a class=\"badge badge-kind\" href=\"/memos\">Memo</a>", await client.GetOkAsync("/articles/harbour-open-memo"));
        Assert.DoesNotContain("badge-kind", await client.GetOkAsync("/articles/harbour-story"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task MemoPartsAreHeadedSectionsInOrderForProReadersAndAbsentFromTheTeaser(Db db)
    {
        await using var app = await PaywallSupport.StartAsync(db);
        await app.CreateArticleAsync("Gulf banks report", slug: "gulf-banks-report");
        await app.CreateArticleAsync("Bank merger memo", kind: ArticleKind.Memo, access: AccessLevel.Pro, memo: TestMemo.Full,
            body: "Lead paragraph of the memo body.\n\nSecond paragraph.\n\nThird paragraph.");

        var pro = await (await app.ClientAsync(Role.Pro)).GetOkAsync("/articles/bank-merger-memo");
        var headings = new[] { "Bottom line", "What happened", "Why it matters", "What’s next", "Sources" }
            .Select(h => pro.IndexOf($">{h}</h2>", StringComparison.Ordinal)).ToList();
        Assert.All(headings, at => Assert.True(at > 0, "a part's heading is missing"));
        Assert.Equal(headings.Order(), headings);
        Assert.DoesNotContain("Key players", pro); // a part left empty is not shown
        Assert.True(pro.IndexOf(TestMemo.Full.BottomLine!, StringComparison.Ordinal) < pro.IndexOf("Lead paragraph of the memo body", StringComparison.Ordinal),
            "the parts come before the body");
        Assert.Contains("<a href=\"/articles/gulf-banks-report\">Earlier report</a>", pro);
        Assert.Contains("<a href=\"https://example.org/central-bank-note\" rel=\"noopener noreferrer\">https://example.org/central-bank-note</a>", pro);

        foreach (var role in new[] { Role.Anonymous, Role.Free, Role.Canceled })
        {
            var gated = await (await app.ClientAsync(role)).GetOkAsync("/articles/bank-merger-memo");
            Assert.Contains("Lead paragraph of the memo body.", gated); // the teaser
            foreach (var text in new[] { TestMemo.Full.BottomLine!, TestMemo.Full.WhatHappened!, TestMemo.Full.WhyItMatters!, TestMemo.Full.WhatsNext!, "central-bank-note", ">Bottom line</h2>" })
            {
                Assert.DoesNotContain(text, gated);
            }
        }
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task MemosListingFiltersByRegionCountryAndIndustryAndPagesWithTheFilterKept(Db db)
    {
        await using var app = await StartUncachedAsync(db, new() { ["Site:PageSize"] = "2" });
        await app.CreateTagAsync("gulf", "Gulf", TagKind.Region);
        await app.CreateTagAsync("levant", "Levant", TagKind.Region);
        await app.CreateTagAsync("qatar", "Qatar", TagKind.Country);
        await app.CreateTagAsync("oil-gas", "Oil & Gas", TagKind.Industry);
        var minute = app.Time.GetUtcNow().UtcDateTime.AddMinutes(-10);
        await app.CreateArticleAsync("Qatar gas memo", kind: ArticleKind.Memo, tagSlugs: ["gulf", "qatar", "oil-gas"], publishAt: minute);
        await app.CreateArticleAsync("Gulf bank memo", kind: ArticleKind.Memo, tagSlugs: ["gulf"], publishAt: minute.AddMinutes(1));
        await app.CreateArticleAsync("Gulf port memo", kind: ArticleKind.Memo, tagSlugs: ["gulf"], publishAt: minute.AddMinutes(2));
        await app.CreateArticleAsync("Levant memo", kind: ArticleKind.Memo, tagSlugs: ["levant"], publishAt: minute.AddMinutes(3));
        await app.CreateArticleAsync("Gulf story", tagSlugs: ["gulf"]);
        await app.CreateArticleAsync("Gulf trend report", kind: ArticleKind.TrendReport, tagSlugs: ["gulf"]);
        var client = app.CreateBrowserClient();

        async Task<List<string>> TitlesAsync(string path) =>
            [.. Regex.Matches(await client.GetOkAsync(path), "class=\"summary-title\"><a href=\"/articles/([a-z-]+)\"").Select(m => m.Groups[1].Value)];

        Assert.Equal(["levant-memo", "gulf-port-memo"], await TitlesAsync("/memos"));
        Assert.Equal(["gulf-port-memo", "gulf-bank-memo"], await TitlesAsync("/memos?region=gulf"));
        var first = await client.GetOkAsync("/memos?region=gulf");
        Assert.Contains("href=\"/memos?region=gulf&amp;page=2\"", first);
        Assert.Contains("<option value=\"gulf\" selected=\"selected\">Gulf</option>", first);
        Assert.Equal(["qatar-gas-memo"], await TitlesAsync("/memos?region=gulf&page=2"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.FetchAsync("/memos?region=gulf&page=3")).Status);
        Assert.Equal(["qatar-gas-memo"], await TitlesAsync("/memos?region=gulf&country=qatar&industry=oil-gas"));
        Assert.Equal(["gulf-trend-report"], await TitlesAsync("/trends?region=gulf"));

        var none = await client.GetOkAsync("/memos?region=levant&country=qatar");
        Assert.Contains("No memos match Levant and Qatar yet.", none);
        // An unknown slug, or a tag of another kind in a filter, is a 404 like an unknown section.
        Assert.Equal(HttpStatusCode.NotFound, (await client.FetchAsync("/memos?region=atlantis")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.FetchAsync("/trends?region=qatar")).Status);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task KindFeedsCarryOnlyTheirKindAndProItemsAsTeasers(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        await app.CreateArticleAsync("Open memo", kind: ArticleKind.Memo, memo: new TestMemo(BottomLine: "Open bottom line."));
        await app.CreateArticleAsync("Closed memo", kind: ArticleKind.Memo, access: AccessLevel.Pro,
            memo: new TestMemo(BottomLine: "Closed bottom line."), body: "Closed body.");
        await app.CreateArticleAsync("Rates trend", kind: ArticleKind.TrendReport, access: AccessLevel.Pro, body: "Closed trend body.");
        await app.CreateArticleAsync("Plain story");
        var client = app.CreateBrowserClient();

        var memosRss = await client.GetXmlAsync("/memos/feed.xml");
        Assert.Equal(["http://localhost/articles/closed-memo", "http://localhost/articles/open-memo"], RssLinks(memosRss).Order());
        var memosText = memosRss.ToString();
        Assert.Contains("Open bottom line.", memosText);
        Assert.DoesNotContain("Closed bottom line.", memosText);
        Assert.DoesNotContain("Closed body.", memosText);
        Assert.Equal(["http://localhost/articles/closed-memo", "http://localhost/articles/open-memo"], AtomLinks(await client.GetXmlAsync("/memos/atom.xml")).Order());

        var trendsAtom = await client.GetXmlAsync("/trends/atom.xml");
        Assert.Equal(["http://localhost/articles/rates-trend"], AtomLinks(trendsAtom));
        Assert.DoesNotContain("Closed trend body.", trendsAtom.ToString());
        Assert.Equal(["http://localhost/articles/rates-trend"], RssLinks(await client.GetXmlAsync("/trends/feed.xml")));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task SearchCountsKindsAndFiltersByOne(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        foreach (var (title, kind) in new[] { ("Desalination story", ArticleKind.Story), ("Desalination memo", ArticleKind.Memo),
                     ("Desalination memo two", ArticleKind.Memo), ("Desalination trend", ArticleKind.TrendReport) })
        {
            var article = await app.CreateArticleAsync(title, kind: kind, body: "Desalination plants expand.");
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ISearchIndex>().IndexAsync(article.Id, Ct);
        }
        var client = app.CreateBrowserClient();

        var all = await client.GetOkAsync("/search?q=desalination");
        Assert.Contains("<a href=\"/search?q=desalination&amp;kind=memo\">Memos <span class=\"count\">(2)</span></a>", all);
        Assert.Contains("<a href=\"/search?q=desalination&amp;kind=trend-report\">Trend reports <span class=\"count\">(1)</span></a>", all);
        Assert.Contains("<a href=\"/search?q=desalination&amp;kind=story\">Stories <span class=\"count\">(1)</span></a>", all);

        var memos = await client.GetOkAsync("/search?q=desalination&kind=memo");
        Assert.Contains("2 results", memos);
        Assert.Contains("/articles/desalination-memo-two", memos);
        Assert.DoesNotContain("/articles/desalination-story", memos);
        Assert.DoesNotContain("/articles/desalination-trend", memos);
        Assert.Contains("Kind: Memos", memos);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task SitemapAndNewsSitemapListMemosAndTrendReports(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        await app.CreateArticleAsync("Sitemap memo", kind: ArticleKind.Memo, access: AccessLevel.Pro, memo: new TestMemo(BottomLine: "Hidden line."));
        await app.CreateArticleAsync("Sitemap trend", kind: ArticleKind.TrendReport, access: AccessLevel.Pro);
        var client = app.CreateBrowserClient();

        var sitemap = SitemapLocs(await client.GetXmlAsync("/sitemap.xml"));
        Assert.Contains("http://localhost/articles/sitemap-memo", sitemap);
        Assert.Contains("http://localhost/articles/sitemap-trend", sitemap);
        var news = (await client.GetXmlAsync("/news-sitemap.xml")).ToString();
        Assert.Contains("http://localhost/articles/sitemap-memo", news);
        Assert.Contains("http://localhost/articles/sitemap-trend", news);
        Assert.DoesNotContain("Hidden line.", news);
    }
}
