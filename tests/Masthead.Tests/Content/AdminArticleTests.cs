using System.Net;
using Masthead.Accounts;
using Masthead.Content;
using Masthead.Content.Publishing;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Content;

public sealed class AdminArticleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<int> ArticleCountAsync(TestApp app) => app.WithDbAsync(db => db.Articles.CountAsync());

    private static Task<Article> LoadAsync(TestApp app, string slug) => app.WithDbAsync(db =>
        db.Articles.AsNoTracking().Include(a => a.Revisions).Include(a => a.Notes).SingleAsync(a => a.Slug == slug));

    private static int IdFrom(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var path = response.Headers.Location!.OriginalString.Split('?')[0];
        return int.Parse(path["/admin/articles/".Length..]);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AnArticleWithoutATitleIsNotSavedAndTheFormSaysWhy(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.SignedInClientAsync(Roles.Editor);
        var response = await client.PostFormAsync("/admin/articles/new", AdminForms.Article(""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Enter a title.", html);
        Assert.Contains("Reporting from the Gulf.", html); // the editor's text survives the error
        Assert.Equal(0, await ArticleCountAsync(app));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AnInvalidSlugIsNotSavedAndTheFormSaysWhy(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.SignedInClientAsync(Roles.Editor);
        var response = await client.PostFormAsync("/admin/articles/new", AdminForms.Article("Oil output rises", "publish", slug: "Oil Output!"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("A slug may contain only lowercase letters", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, await ArticleCountAsync(app));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ADuplicateSlugIsNotSavedAndTheFormSaysWhy(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.CreateArticleAsync("Gulf oil output rises", slug: "gulf-oil");
        var client = await app.SignedInClientAsync(Roles.Editor);
        var response = await client.PostFormAsync("/admin/articles/new", AdminForms.Article("A different piece", slug: "gulf-oil"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Another article already uses the slug", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(1, await ArticleCountAsync(app));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AnEmptySlugIsMadeFromTheTitle(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.SignedInClientAsync(Roles.Editor);
        IdFrom(await client.PostFormAsync("/admin/articles/new", AdminForms.Article("Türkiye’s central bank holds rates")));
        var article = await LoadAsync(app, "turkiyes-central-bank-holds-rates");
        Assert.Equal(ArticleStatus.Draft, article.Status);
        Assert.False(article.IsVisibleAt(app.Time.GetUtcNow().UtcDateTime));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task PublishNowRendersTheBodyAndMakesTheArticleVisible(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.SignedInClientAsync(Roles.Editor, "desk@example.test");
        var fields = AdminForms.Article("Port expansion approved", "publish", body: "The **port** grows.<script>alert(1)</script>");
        var id = IdFrom(await client.PostFormAsync("/admin/articles/new", fields));

        var now = app.Time.GetUtcNow().UtcDateTime;
        var article = await LoadAsync(app, "port-expansion-approved");
        Assert.Equal(id, article.Id);
        Assert.Equal(ArticleStatus.Published, article.Status);
        Assert.Equal(now, article.PublishAt);
        Assert.True(await app.WithDbAsync(d => d.Articles.Where(Article.VisibleAt(now)).AnyAsync(a => a.Id == id)));
        Assert.Contains("<strong>port</strong>", article.BodyHtml);
        Assert.DoesNotContain("<script", article.BodyHtml);
        Assert.Equal(1, article.Version);
        var revision = Assert.Single(article.Revisions);
        Assert.Equal(("Port expansion approved", "desk@example.test", 1), (revision.Title, revision.EditedBy, revision.Version));

        var page = await client.GetStringAsync($"/admin/articles/{id}?notice=published", Ct);
        Assert.Contains("Published: the article is live.", page);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AScheduledArticleAppearsAtItsTimeAndTheSchedulerMarksItPublished(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.SignedInClientAsync(Roles.Editor);
        var id = IdFrom(await client.PostFormAsync("/admin/articles/new",
            AdminForms.Article("Ceasefire talks in Doha", "schedule", scheduleAt: "2026-11-20T12:30")));

        var article = await LoadAsync(app, "ceasefire-talks-in-doha");
        Assert.Equal(ArticleStatus.Scheduled, article.Status);
        Assert.Equal(new DateTime(2026, 11, 20, 12, 30, 0, DateTimeKind.Utc), article.PublishAt);
        Assert.False(article.IsVisibleAt(app.Time.GetUtcNow().UtcDateTime));

        var publisher = app.Services.GetRequiredService<ScheduledPublisher>();
        await publisher.PublishDueAsync(Ct);
        Assert.Equal(ArticleStatus.Scheduled, (await LoadAsync(app, "ceasefire-talks-in-doha")).Status);

        app.Time.Advance(TimeSpan.FromHours(4));
        await publisher.PublishDueAsync(Ct);
        article = await LoadAsync(app, "ceasefire-talks-in-doha");
        Assert.Equal(ArticleStatus.Published, article.Status);
        Assert.True(article.IsVisibleAt(app.Time.GetUtcNow().UtcDateTime));
        Assert.Equal(id, article.Id);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ScheduleTimesAreReadInTheNewsroomTimeZone(Db db)
    {
        await using var app = await TestApp.StartAsync(db, new() { ["Admin:TimeZone"] = "Asia/Dubai" });
        var client = await app.SignedInClientAsync(Roles.Editor);
        var form = await client.GetStringAsync("/admin/articles/new", Ct);
        Assert.Contains("Asia/Dubai", form);

        IdFrom(await client.PostFormAsync("/admin/articles/new", AdminForms.Article("Gulf markets open", "schedule", scheduleAt: "2026-11-20T15:00")));
        var article = await LoadAsync(app, "gulf-markets-open");
        Assert.Equal(new DateTime(2026, 11, 20, 11, 0, 0, DateTimeKind.Utc), article.PublishAt); // Dubai is UTC+4
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task SchedulingInThePastIsRefused(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.SignedInClientAsync(Roles.Editor);
        var response = await client.PostFormAsync("/admin/articles/new", AdminForms.Article("Late piece", "schedule", scheduleAt: "2026-11-20T08:00"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose a time in the future", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, await ArticleCountAsync(app));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task UnpublishTurnsTheArticleBackIntoAnInvisibleDraft(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var seeded = await app.CreateArticleAsync("Refinery fire contained");
        var client = await app.SignedInClientAsync(Roles.Editor);
        var url = $"/admin/articles/{seeded.Id}";
        IdFrom(await client.PostFormAsync(url, AdminForms.Article("Refinery fire contained", "unpublish", version: seeded.Version, slug: seeded.Slug)));

        var article = await LoadAsync(app, seeded.Slug);
        Assert.Equal(ArticleStatus.Draft, article.Status);
        Assert.False(article.IsVisibleAt(app.Time.GetUtcNow().UtcDateTime));
        Assert.False(await app.WithDbAsync(d => d.Articles.Where(Article.VisibleAt(app.Time.GetUtcNow().UtcDateTime)).AnyAsync()));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task EverySaveBumpsTheVersionAndKeepsARevision(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.SignedInClientAsync(Roles.Editor, "first@example.test");
        var id = IdFrom(await client.PostFormAsync("/admin/articles/new", AdminForms.Article("Draft one", slug: "budget")));
        var second = await app.SignedInClientAsync(Roles.Admin, "second@example.test");
        IdFrom(await second.PostFormAsync($"/admin/articles/{id}", AdminForms.Article("Draft two", version: 1, slug: "budget", body: "Second body")));

        var article = await LoadAsync(app, "budget");
        Assert.Equal(2, article.Version);
        Assert.Equal("Draft two", article.Title);
        var revisions = article.Revisions.OrderBy(r => r.Version).ToList();
        Assert.Equal(["Draft one", "Draft two"], revisions.Select(r => r.Title));
        Assert.Equal(["first@example.test", "second@example.test"], revisions.Select(r => r.EditedBy));

        var page = await client.GetStringAsync($"/admin/articles/{id}", Ct);
        Assert.Contains($"/admin/articles/{id}/revisions/{revisions[0].Id}", page);
        var old = await client.GetStringAsync($"/admin/articles/{id}/revisions/{revisions[0].Id}", Ct);
        Assert.Contains("Draft one", old);
        Assert.Contains("Reporting from the Gulf.", old);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AFormOpenedBeforeSomeoneElseSavedIsRefused(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var seeded = await app.CreateArticleAsync("Election date set");
        var client = await app.SignedInClientAsync(Roles.Editor);
        var url = $"/admin/articles/{seeded.Id}";
        IdFrom(await client.PostFormAsync(url, AdminForms.Article("Election date set for March", version: 1, slug: seeded.Slug)));

        var stale = await client.PostFormAsync(url, AdminForms.Article("Overwritten title", version: 1, slug: seeded.Slug));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("changed by someone else", await stale.Content.ReadAsStringAsync(Ct));
        var article = await LoadAsync(app, seeded.Slug);
        Assert.Equal(("Election date set for March", 2, 1), (article.Title, article.Version, article.Revisions.Count));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task PreviewRendersTheMarkdownWithoutSaving(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.SignedInClientAsync(Roles.Editor);
        var response = await client.PostFormAsync("/admin/articles/new",
            AdminForms.Article("Preview me", "preview", body: "## Background\n\nA *careful* reading. <img src=x onerror=alert(1)>"));
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Preview (not saved)", html);
        var preview = AdminForms.PreviewDocument(html)!;
        Assert.Contains("<em>careful</em>", preview);
        Assert.DoesNotContain("onerror", preview);
        Assert.DoesNotContain("onerror", html.Replace("onerror=alert(1)&gt;", "")); // only inside the escaped textarea
        Assert.Equal(0, await ArticleCountAsync(app));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ACorrectionIsStampedAndMovesTheUpdatedTimeOfALiveArticle(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var seeded = await app.CreateArticleAsync("Tanker seized off Fujairah");
        var client = await app.SignedInClientAsync(Roles.Editor);
        app.Time.Advance(TimeSpan.FromHours(2));
        var url = $"/admin/articles/{seeded.Id}";
        var response = await client.PostFormAsync(url + "?handler=Note",
            new() { ["noteKind"] = "Correction", ["noteText"] = "An earlier version misstated the tanker's flag." }, url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var now = app.Time.GetUtcNow().UtcDateTime;
        var article = await LoadAsync(app, seeded.Slug);
        var note = Assert.Single(article.Notes);
        Assert.Equal((ArticleNoteKind.Correction, "An earlier version misstated the tanker's flag.", now), (note.Kind, note.Text, note.CreatedAt));
        Assert.Equal(now, article.UpdatedAt);
        Assert.Equal(seeded.Version, article.Version); // an open edit form stays valid
        Assert.Contains("misstated the tanker", await client.GetStringAsync(url, Ct));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AnEmptyNoteIsRefusedInline(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var seeded = await app.CreateArticleAsync("Quiet day on the border");
        var client = await app.SignedInClientAsync(Roles.Editor);
        var url = $"/admin/articles/{seeded.Id}";
        var response = await client.PostFormAsync(url + "?handler=Note", new() { ["noteKind"] = "EditorsNote", ["noteText"] = " " }, url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Write the text of the note.", await response.Content.ReadAsStringAsync(Ct));
        Assert.Empty((await LoadAsync(app, seeded.Slug)).Notes);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task BylineOrderTagsAndSectionAreSaved(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.CreateArticleAsync("Seed", sectionSlug: "energy", tagSlugs: ["gulf", "oil"], authorName: "Rana Haddad");
        await app.CreateArticleAsync("Seed two", slug: "seed-two", authorName: "Omar Saleh");
        var (section, tags, rana, omar) = await app.WithDbAsync(async d => (
            await d.Sections.Select(s => s.Id).SingleAsync(), await d.Tags.OrderBy(t => t.Slug).Select(t => t.Id).ToListAsync(),
            await d.Authors.Where(a => a.Name == "Rana Haddad").Select(a => a.Id).SingleAsync(),
            await d.Authors.Where(a => a.Name == "Omar Saleh").Select(a => a.Id).SingleAsync()));
        var client = await app.SignedInClientAsync(Roles.Editor);
        var fields = AdminForms.Article("Joint byline").Where(kv => kv.Key != "Input.Access").ToList();
        fields.AddRange([
            new("Input.Access", "Pro"), new("Input.SectionId", section.ToString()),
            new("Input.AuthorIds", omar.ToString()), new("Input.AuthorIds", ""), new("Input.AuthorIds", rana.ToString()),
            new("Input.TagIds", tags[1].ToString()),
        ]);
        var id = IdFrom(await client.PostPairsAsync("/admin/articles/new", fields));

        var saved = await app.WithDbAsync(d => d.Articles.AsNoTracking().Include(a => a.Authors).Include(a => a.Tags).SingleAsync(a => a.Id == id));
        Assert.Equal([omar, rana], saved.Authors.OrderBy(a => a.Position).Select(a => a.AuthorId));
        Assert.Equal([tags[1]], saved.Tags.Select(t => t.TagId));
        Assert.Equal((section, AccessLevel.Pro), (saved.SectionId, saved.Access));
    }
}
