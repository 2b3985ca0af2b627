using Masthead.Content;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Masthead.Tests.Content.ReaderTestSupport;

namespace Masthead.Tests.Content;

/// <summary>The publishing flow as a reader sees it: what is visible, and when.</summary>
public sealed class ReaderPublishingTests
{
    [Theory, ClassData(typeof(Databases))]
    public async Task DraftIsInvisibleOnArticlePageHomeFeedsAndSitemaps(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        await app.CreateArticleAsync("Published control piece", sectionSlug: "energy");
        await app.CreateArticleAsync("Unfinished draft on pipelines", ArticleStatus.Draft, sectionSlug: "energy");
        var client = app.CreateBrowserClient();

        var control = await WhereIsAsync(client, "published-control-piece");
        var draft = await WhereIsAsync(client, "unfinished-draft-on-pipelines");

        Assert.True(control.Everywhere, control.ToString());
        Assert.False(draft.Anywhere, draft.ToString());
        Assert.DoesNotContain("Unfinished draft", await client.GetOkAsync("/sections/energy"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ScheduledArticleAppearsEverywhereWhenItsPublishTimeComes(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        var publishAt = app.Time.GetUtcNow().UtcDateTime.AddHours(2);
        await app.CreateArticleAsync("Embargoed budget analysis", ArticleStatus.Scheduled, publishAt);
        var client = app.CreateBrowserClient();

        var before = await WhereIsAsync(client, "embargoed-budget-analysis");
        app.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        var after = await WhereIsAsync(client, "embargoed-budget-analysis");

        Assert.False(before.Anywhere, before.ToString());
        Assert.True(after.Everywhere, after.ToString());
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task UnpublishingRemovesArticleFromPagesFeedsAndSitemaps(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        var article = await app.CreateArticleAsync("Retracted port story", sectionSlug: "markets", tagSlugs: ["ports"]);
        var client = app.CreateBrowserClient();
        var before = await WhereIsAsync(client, article.Slug);

        await app.WithDbAsync(d => d.Articles.Where(a => a.Id == article.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Draft), TestContext.Current.CancellationToken));

        var after = await WhereIsAsync(client, article.Slug);
        Assert.True(before.Everywhere, before.ToString());
        Assert.False(after.Anywhere, after.ToString());
        Assert.DoesNotContain("Retracted port story", await client.GetOkAsync("/sections/markets"));
        Assert.DoesNotContain("Retracted port story", await client.GetOkAsync("/tags/ports"));
        Assert.DoesNotContain("Retracted port story", await client.GetOkAsync("/sections/markets/feed.xml"));
        Assert.DoesNotContain("Retracted port story", await client.GetOkAsync("/tags/ports/atom.xml"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ListingPagesArePagedWithPreviousAndNextLinks(Db db)
    {
        await using var app = await StartUncachedAsync(db, new() { ["Site:PageSize"] = "2" });
        for (var i = 1; i <= 5; i++)
        {
            await app.CreateArticleAsync($"Gulf dispatch {i}", publishAt: app.Time.GetUtcNow().UtcDateTime.AddMinutes(-10 * i),
                sectionSlug: "gulf", tagSlugs: ["oil"], authorName: "Rana Haddad");
        }
        var client = app.CreateBrowserClient();

        foreach (var path in new[] { "/sections/gulf", "/tags/oil", "/authors/rana-haddad" })
        {
            var first = await client.GetOkAsync(path);
            var second = await client.GetOkAsync($"{path}?page=2");
            var last = await client.GetOkAsync($"{path}?page=3");

            Assert.Contains("Gulf dispatch 1", first);
            Assert.DoesNotContain("Gulf dispatch 3", first);
            Assert.Contains($"<link rel=\"next\" href=\"{path}?page=2\"", first);
            Assert.DoesNotContain("rel=\"prev\"", first);
            Assert.Contains("Gulf dispatch 3", second);
            Assert.Contains($"<link rel=\"prev\" href=\"{path}\"", second);
            Assert.Contains($"<a rel=\"next\" href=\"{path}?page=3\"", second);
            Assert.Contains("Gulf dispatch 5", last);
            Assert.DoesNotContain("rel=\"next\"", last);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.FetchAsync($"{path}?page=4")).Status);
        }
    }
}
