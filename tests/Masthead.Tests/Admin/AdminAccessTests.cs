using System.Net;
using Masthead.Accounts;
using Masthead.Content;
using Masthead.Content.Media;
using Masthead.Tests.Content;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Admin;

/// <summary>The access matrix for every admin page this feature adds, and CSRF on every admin form.</summary>
public sealed class AdminAccessTests
{
    private sealed record Seeded(int ArticleId, int RevisionId, int AuthorId, int SectionId, int TagId);

    private static async Task<Seeded> SeedAsync(TestApp app)
    {
        var article = await app.CreateArticleAsync("Pipeline talks resume", sectionSlug: "energy", tagSlugs: ["gulf"], authorName: "Rana Haddad");
        return await app.WithDbAsync(async db =>
        {
            var revision = new ArticleRevision { ArticleId = article.Id, Version = 1, Title = article.Title, CreatedAt = DateTime.UtcNow };
            db.ArticleRevisions.Add(revision);
            await db.SaveChangesAsync();
            return new Seeded(article.Id, revision.Id,
                await db.Authors.Select(a => a.Id).SingleAsync(),
                await db.Sections.Select(s => s.Id).SingleAsync(),
                await db.Tags.Select(t => t.Id).SingleAsync());
        });
    }

    private static string[] Routes(Seeded s) =>
    [
        "/admin",
        "/admin/articles", "/admin/articles?status=Draft&q=pipeline", "/admin/articles/new", $"/admin/articles/{s.ArticleId}",
        $"/admin/articles/{s.ArticleId}/revisions/{s.RevisionId}",
        "/admin/authors", "/admin/authors/new", $"/admin/authors/{s.AuthorId}",
        "/admin/sections", "/admin/sections/new", $"/admin/sections/{s.SectionId}",
        "/admin/tags", "/admin/tags/new", $"/admin/tags/{s.TagId}",
        "/admin/media",
    ];

    [Theory, ClassData(typeof(Databases))]
    public async Task EveryAdminPageSendsAnonymousVisitorsToSignIn(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var seeded = await SeedAsync(app);
        var client = app.CreateBrowserClient();
        foreach (var route in Routes(seeded))
        {
            var response = await client.GetAsync(route, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{route}: {(int)response.StatusCode}");
            Assert.Contains("/account/signin", response.Headers.Location!.OriginalString);
        }
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task EveryAdminPageTurnsAwayReaders(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var seeded = await SeedAsync(app);
        var client = await app.SignedInClientAsync(Roles.Reader);
        foreach (var route in Routes(seeded))
        {
            var response = await client.GetAsync(route, TestContext.Current.CancellationToken);
            var deniedRedirect = response.StatusCode == HttpStatusCode.Redirect
                && response.Headers.Location!.OriginalString.Contains("/account/denied");
            Assert.True(deniedRedirect || response.StatusCode == HttpStatusCode.Forbidden, $"{route}: {(int)response.StatusCode}");
        }
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task EveryAdminPageOpensForEditorsAndAdmins(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var seeded = await SeedAsync(app);
        foreach (var role in new[] { Roles.Editor, Roles.Admin })
        {
            var client = await app.SignedInClientAsync(role);
            foreach (var route in Routes(seeded))
            {
                var response = await client.GetAsync(route, TestContext.Current.CancellationToken);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} {route}: {(int)response.StatusCode}");
                var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                Assert.Contains("class=\"admin-nav\"", html);
            }
        }
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task EveryAdminFormRefusesAPostWithoutTheAntiforgeryToken(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var s = await SeedAsync(app);
        var client = await app.SignedInClientAsync(Roles.Editor);
        var before = await SnapshotAsync(app);

        var posts = new (string Url, Dictionary<string, string> Fields)[]
        {
            ("/admin/articles/new", AdminForms.Article("Forged article", "publish")),
            ($"/admin/articles/{s.ArticleId}", AdminForms.Article("Forged title", "publish", version: 1)),
            ($"/admin/articles/{s.ArticleId}", AdminForms.Article("Forged title", "unpublish", version: 1)),
            ($"/admin/articles/{s.ArticleId}?handler=Note", new() { ["noteKind"] = "Correction", ["noteText"] = "Forged" }),
            ("/admin/authors/new", new() { ["Input.Name"] = "Forged Author" }),
            ($"/admin/authors/{s.AuthorId}", new() { ["Input.Name"] = "Forged Name" }),
            ($"/admin/authors?handler=Delete&id={s.AuthorId}", new()),
            ("/admin/sections/new", new() { ["Input.Name"] = "Forged Section" }),
            ($"/admin/sections/{s.SectionId}", new() { ["Input.Name"] = "Forged Name" }),
            ($"/admin/sections?handler=Delete&id={s.SectionId}", new()),
            ("/admin/tags/new", new() { ["Input.Name"] = "Forged Tag", ["Input.Kind"] = "Topic" }),
            ($"/admin/tags/{s.TagId}", new() { ["Input.Name"] = "Forged Name", ["Input.Kind"] = "Topic" }),
            ($"/admin/tags?handler=Delete&id={s.TagId}", new()),
        };
        foreach (var (url, fields) in posts)
        {
            var response = await client.PostFormWithoutTokenAsync(url, fields);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode}");
        }
        var upload = await client.PostMultipartAsync("/admin/media", new() { ["AltText"] = "A forged upload" },
            ("Upload", "map.png", "image/png", TestImages.Png()), withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);

        Assert.Equal(before, await SnapshotAsync(app));
        Assert.Empty(app.MediaFiles());
    }

    [Fact]
    public async Task TheAdminLayoutLinksEveryAreaAndSignsOutWithAToken()
    {
        await using var app = await TestApp.StartAsync();
        var client = await app.SignedInClientAsync(Roles.Editor, "desk@example.test");
        var html = await client.GetStringAsync("/admin", TestContext.Current.CancellationToken);
        foreach (var href in new[] { "/admin/articles", "/admin/authors", "/admin/sections", "/admin/tags", "/admin/media", "href=\"/\"" })
        {
            Assert.Contains(href, html);
        }
        Assert.DoesNotContain("/admin/mail", html); // admins only: it holds everyone's mail
        var admin = await app.SignedInClientAsync(Roles.Admin);
        Assert.Contains("href=\"/admin/mail\"", await admin.GetStringAsync("/admin", TestContext.Current.CancellationToken));
        Assert.Contains("desk@example.test", html);
        Assert.Matches("action=\"/account/signout\"[^>]*>(?:(?!</form>)[\\s\\S])*name=\"__RequestVerificationToken\"", html);
        Assert.Matches("href=\"/css/admin\\.[a-z0-9]+\\.css\"", html); // fingerprinted by MapStaticAssets
    }

    private static Task<string> SnapshotAsync(TestApp app) => app.WithDbAsync(async db =>
    {
        var articles = await db.Articles.AsNoTracking().OrderBy(a => a.Id)
            .Select(a => $"{a.Id}:{a.Title}:{a.Status}:{a.Version}:{a.SectionId}").ToListAsync();
        var names = await db.Authors.Select(a => a.Name).ToListAsync();
        var sections = await db.Sections.Select(s => s.Name).ToListAsync();
        var tags = await db.Tags.Select(t => t.Name).ToListAsync();
        return string.Join("|", articles) + $"#notes={await db.ArticleNotes.CountAsync()}#revisions={await db.ArticleRevisions.CountAsync()}"
            + $"#links={await db.ArticleTags.CountAsync()},{await db.ArticleAuthors.CountAsync()}#media={await db.Set<MediaAsset>().CountAsync()}"
            + "#" + string.Join(",", names) + "#" + string.Join(",", sections) + "#" + string.Join(",", tags);
    });
}
