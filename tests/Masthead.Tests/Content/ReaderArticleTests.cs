using System.Net;
using Masthead.Accounts;
using Masthead.Content;
using Masthead.Tests.Support;
using static Masthead.Tests.Content.ReaderTestSupport;

namespace Masthead.Tests.Content;

public sealed class ReaderArticleTests
{
    [Theory, ClassData(typeof(Databases))]
    public async Task MarkdownWithScriptsEventHandlersAndJavascriptLinksRendersHarmless(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        const string body = """
            Opening paragraph.

            <script>alert('body')</script>

            <img src="/media/x.png" onerror="alert('img')">

            [click me](javascript:alert('link')) and <a href="javascript:alert(2)">raw link</a>

            <div onclick="alert(3)">Closing paragraph.</div>
            """;
        await app.CreateArticleAsync("Hostile markup test", body: body);

        var html = await app.CreateBrowserClient().GetOkAsync("/articles/hostile-markup-test");
        var articleBody = html[html.IndexOf("class=\"article-body\"", StringComparison.Ordinal)..];

        Assert.Contains("Opening paragraph.", articleBody);
        Assert.Contains("Closing paragraph.", articleBody);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ArabicArticleReadsRightToLeftInsideTheSiteChrome(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        await app.CreateArticleAsync("تحليل أسواق الطاقة في الخليج", language: "ar", slug: "gulf-energy-analysis-ar",
            body: "فقرة أولى من التقرير.");

        var html = await app.CreateBrowserClient().GetOkAsync("/articles/gulf-energy-analysis-ar");

        // The site's own chrome stays in the site language; the article reads right to left.
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", html);
        Assert.Contains("<article class=\"article\" lang=\"ar\" dir=\"rtl\">", html);
        Assert.Contains("<div class=\"article-body\" lang=\"ar\" dir=\"rtl\">", html);
        Assert.Contains("تحليل أسواق الطاقة في الخليج", html);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task EnglishArticleKeepsLeftToRight(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        await app.CreateArticleAsync("Shipping rates ease");
        var html = await app.CreateBrowserClient().GetOkAsync("/articles/shipping-rates-ease");
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", html);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task MembersAndProBodiesAreShownOnlyToReadersAllowedToReadThem(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        await app.CreateArticleAsync("Members briefing", access: AccessLevel.Members, body: "MEMBERS-ONLY-TEXT here.");
        await app.CreateArticleAsync("Pro memo", access: AccessLevel.Pro, body: "PRO-ONLY-TEXT here.");
        var anonymous = app.CreateBrowserClient();
        var reader = await app.SignedInClientAsync();
        var editor = await app.SignedInClientAsync(Roles.Editor);

        var anonMembers = await anonymous.GetOkAsync("/articles/members-briefing");
        var anonPro = await anonymous.GetOkAsync("/articles/pro-memo");
        Assert.DoesNotContain("MEMBERS-ONLY-TEXT", anonMembers);
        Assert.DoesNotContain("PRO-ONLY-TEXT", anonPro);
        Assert.Contains("Members briefing", anonMembers);
        Assert.Contains("Dek for Members briefing", anonMembers);
        Assert.Contains("class=\"paywall\"", anonMembers);
        Assert.Contains("href=\"/account/signin", anonMembers);
        Assert.Contains("href=\"/account/signup", anonMembers);

        Assert.Contains("MEMBERS-ONLY-TEXT", await reader.GetOkAsync("/articles/members-briefing"));
        var readerPro = await reader.GetOkAsync("/articles/pro-memo");
        Assert.DoesNotContain("PRO-ONLY-TEXT", readerPro);
        Assert.Contains("class=\"paywall\"", readerPro);

        Assert.Contains("PRO-ONLY-TEXT", await editor.GetOkAsync("/articles/pro-memo"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task SignedInAndAnonymousReadersNeverShareACachedView(Db db)
    {
        // Cache on, as in production.
        await using var app = await TestApp.StartAsync(db, new() { ["Site:OutputCacheSeconds"] = "600" });
        await app.CreateArticleAsync("Members cache check", access: AccessLevel.Members, body: "MEMBERS-BODY-TEXT");
        await app.CreateArticleAsync("Members cache reverse", access: AccessLevel.Members, body: "REVERSE-BODY-TEXT");
        var anonymous = app.CreateBrowserClient();
        var reader = await app.SignedInClientAsync();

        // Anonymous first: the teaser is cached, the member still gets the body.
        Assert.DoesNotContain("MEMBERS-BODY-TEXT", await anonymous.GetOkAsync("/articles/members-cache-check"));
        Assert.Contains("MEMBERS-BODY-TEXT", await reader.GetOkAsync("/articles/members-cache-check"));
        Assert.DoesNotContain("MEMBERS-BODY-TEXT", await anonymous.GetOkAsync("/articles/members-cache-check"));

        // Member first: their view is never stored for the next anonymous reader.
        Assert.Contains("REVERSE-BODY-TEXT", await reader.GetOkAsync("/articles/members-cache-reverse"));
        Assert.DoesNotContain("REVERSE-BODY-TEXT", await anonymous.GetOkAsync("/articles/members-cache-reverse"));
        Assert.Contains("Sign out", await reader.GetOkAsync("/"));
        Assert.DoesNotContain("Sign out", await anonymous.GetOkAsync("/"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ArticlePageShowsBylineInOrderDatesTagsByKindAndNotes(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        var article = await app.CreateArticleAsync("Tanker talks resume", sectionSlug: "diplomacy", tagSlugs: ["shipping"],
            authorName: "Lina Nassar");
        var now = app.Time.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async d =>
        {
            var second = d.Authors.Add(new Author { Slug = "amir-tehrani", Name = "Amir Tehrani" }).Entity;
            var gulf = d.Tags.Add(new Tag { Slug = "gulf", Name = "Gulf", Kind = TagKind.Region }).Entity;
            d.ArticleAuthors.Add(new ArticleAuthor { ArticleId = article.Id, Author = second, Position = 1 });
            d.ArticleTags.Add(new ArticleTag { ArticleId = article.Id, Tag = gulf });
            d.ArticleNotes.Add(new ArticleNote { ArticleId = article.Id, Kind = ArticleNoteKind.Correction,
                Text = "An earlier version gave the wrong port.", CreatedAt = now.AddMinutes(-1) });
            d.ArticleNotes.Add(new ArticleNote { ArticleId = article.Id, Kind = ArticleNoteKind.EditorsNote,
                Text = "Updated with the ministry statement.", CreatedAt = now.AddMinutes(-2) });
            await d.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        var html = await app.CreateBrowserClient().GetOkAsync("/articles/tanker-talks-resume");

        var first = html.IndexOf("href=\"/authors/lina-nassar\"", StringComparison.Ordinal);
        var secondAuthor = html.IndexOf("href=\"/authors/amir-tehrani\"", StringComparison.Ordinal);
        Assert.True(first > 0 && secondAuthor > first, "authors in byline order");
        Assert.Contains("<h1>Tanker talks resume</h1>", html);
        Assert.Contains("<time dir=\"ltr\" datetime=\"2026-11-20T08:55:00Z\">", html);
        Assert.Contains("href=\"/sections/diplomacy\"", html);
        Assert.Contains("<dt>Regions</dt>", html);
        Assert.Contains("<dt>Topics</dt>", html);
        Assert.Contains("href=\"/tags/gulf\"", html);
        Assert.Contains("An earlier version gave the wrong port.", html);
        Assert.Contains("Updated with the ministry statement.", html);
        Assert.Contains("<time dir=\"ltr\" datetime=\"2026-11-20T08:59:00Z\">", html);
        Assert.Contains("<link rel=\"canonical\" href=\"http://localhost/articles/tanker-talks-resume\" />", html);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ArticlePageAnswersHeadAsItAnswersGet(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        await app.CreateArticleAsync("Port tariffs rise");
        var client = app.CreateBrowserClient();

        using var found = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/articles/port-tariffs-rise"));
        using var missing = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/articles/no-such-piece"));

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal("text/html", found.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task UnknownSlugsGetARealNotFoundPage(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        var client = app.CreateBrowserClient();

        foreach (var path in new[] { "/articles/no-such-piece", "/sections/no-such", "/tags/no-such", "/authors/no-such",
                     "/articles/Not_A_Slug", "/sections/no-such/feed.xml", "/tags/no-such/atom.xml", "/no/such/page" })
        {
            var (status, body) = await client.FetchAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Contains("<h1>Page not found</h1>", body);
            Assert.Contains("href=\"/\"", body);
        }
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task HomeShowsLeadLatestAndSectionBlocks(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        var now = app.Time.GetUtcNow().UtcDateTime;
        await app.CreateArticleAsync("Older energy piece", publishAt: now.AddHours(-3), sectionSlug: "energy");
        await app.CreateArticleAsync("Newest security piece", publishAt: now.AddHours(-1), sectionSlug: "security");

        var html = await app.CreateBrowserClient().GetOkAsync("/");

        var lead = html.IndexOf("class=\"lead-story\"", StringComparison.Ordinal);
        Assert.True(lead > 0);
        Assert.True(html.IndexOf("Newest security piece", StringComparison.Ordinal) > lead);
        Assert.Contains("id=\"section-energy\"", html);
        Assert.Contains("id=\"section-security\"", html);
        Assert.Contains("href=\"/articles/older-energy-piece\"", html);
    }
}
