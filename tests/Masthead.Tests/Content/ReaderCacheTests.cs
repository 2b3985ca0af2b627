using Masthead.Site;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Masthead.Tests.Content.ReaderTestSupport;

namespace Masthead.Tests.Content;

/// <summary>The anonymous output cache: on by default, tagged so the admin can evict it, varied by query.</summary>
public sealed class ReaderCacheTests
{
    private static readonly string[] CachedPaths = ["/", "/feed.xml", "/atom.xml", "/sitemap.xml", "/sections/energy", "/sections/energy/feed.xml"];

    [Theory, ClassData(typeof(Databases))]
    public async Task AnonymousPagesAndFeedsAreCachedUntilTheContentTagIsEvicted(Db db)
    {
        await using var app = await TestApp.StartAsync(db, new() { ["Site:OutputCacheSeconds"] = "600" });
        await app.CreateArticleAsync("First energy story", sectionSlug: "energy");
        var client = app.CreateBrowserClient();
        foreach (var path in CachedPaths) Assert.Contains("first-energy-story", await client.GetOkAsync(path));

        await app.CreateArticleAsync("Second energy story", sectionSlug: "energy");
        foreach (var path in CachedPaths) Assert.DoesNotContain("second-energy-story", await client.GetOkAsync(path));

        var store = app.Services.GetRequiredService<IOutputCacheStore>();
        await store.EvictByTagAsync(SiteModule.ContentCacheTag, TestContext.Current.CancellationToken);
        foreach (var path in CachedPaths) Assert.Contains("second-energy-story", await client.GetOkAsync(path));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ASignedInReadersPageUsesTheContentMemoWhichTheContentTagClears(Db db)
    {
        // Rendered for the reader on every request (no shared view), so what is kept is the memo and the
        // page's content fragments (head metadata, signup box): an eviction must retire all of them.
        await using var app = await TestApp.StartAsync(db, new() { ["Site:OutputCacheSeconds"] = "600", ["Site:ShareSignedInViews"] = "false" });
        var article = await app.CreateArticleAsync("Port fees before the change", sectionSlug: "energy");
        var reader = await app.SignedInClientAsync();
        var path = "/articles/" + article.Slug;
        var first = await reader.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.True(first.Headers.CacheControl is { Private: true }, $"Cache-Control: {first.Headers.CacheControl}");
        var before = await reader.GetOkAsync(path);
        Assert.Contains("<meta property=\"og:title\" content=\"Port fees before the change\"", before);
        Assert.Contains("Daily Briefing", before);

        // Changed behind the app's back: the signed-in page still comes from the memo and the fragments...
        await app.WithDbAsync(async d =>
        {
            var a = await d.Articles.SingleAsync(x => x.Id == article.Id, TestContext.Current.CancellationToken);
            a.Title = "Port fees after the change";
            await d.BriefingLists.Where(l => l.Slug == "daily-briefing")
                .ExecuteUpdateAsync(l => l.SetProperty(x => x.Name, "Morning Wire"), TestContext.Current.CancellationToken);
            await d.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        var stale = await reader.GetOkAsync(path);
        Assert.Contains("<meta property=\"og:title\" content=\"Port fees before the change\"", stale);
        Assert.DoesNotContain("Morning Wire", stale);

        // ...until the content tag is evicted, which every editor save does.
        var store = app.Services.GetRequiredService<IOutputCacheStore>();
        await store.EvictByTagAsync(SiteModule.ContentCacheTag, TestContext.Current.CancellationToken);
        var fresh = await reader.GetOkAsync(path);
        Assert.Contains("<meta property=\"og:title\" content=\"Port fees after the change\"", fresh);
        Assert.Contains("Morning Wire", fresh);
        Assert.DoesNotContain("<h1>Port fees before the change</h1>", fresh);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task CachedListingsVaryByPageNumber(Db db)
    {
        await using var app = await TestApp.StartAsync(db, new() { ["Site:OutputCacheSeconds"] = "600", ["Site:PageSize"] = "1" });
        var now = app.Time.GetUtcNow().UtcDateTime;
        await app.CreateArticleAsync("Newer piece", publishAt: now.AddMinutes(-1), sectionSlug: "energy");
        await app.CreateArticleAsync("Older piece", publishAt: now.AddMinutes(-2), sectionSlug: "energy");
        var client = app.CreateBrowserClient();

        Assert.Contains("Newer piece", await client.GetOkAsync("/sections/energy"));
        var second = await client.GetOkAsync("/sections/energy?page=2");
        Assert.Contains("Older piece", second);
        Assert.DoesNotContain("Newer piece", second);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ZeroSecondsTurnsTheCacheOff(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        var client = app.CreateBrowserClient();
        Assert.DoesNotContain("late-story", await client.GetOkAsync("/feed.xml"));
        await app.CreateArticleAsync("Late story");
        Assert.Contains("late-story", await client.GetOkAsync("/feed.xml"));
    }
}
