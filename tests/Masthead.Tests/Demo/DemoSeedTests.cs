using Masthead.Content;
using Masthead.Demo;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Demo;

public sealed class DemoSeedTests
{
    private static readonly Dictionary<string, string?> DemoOn = new() { ["Demo:Enabled"] = "true" };

    [Theory, ClassData(typeof(Databases))]
    public async Task DemoNewsroomCoversEveryIndustryAccessLevelAndStatus(Db db)
    {
        await using var app = await TestApp.StartAsync(db, DemoOn);
        var now = app.Time.GetUtcNow().UtcDateTime;
        var articles = await app.WithDbAsync(d => d.Articles.AsNoTracking()
            .Include(a => a.Tags).ThenInclude(t => t.Tag).Include(a => a.Notes).Include(a => a.Authors).Include(a => a.Revisions)
            .Include(a => a.Memo).ToListAsync(TestContext.Current.CancellationToken));
        var visible = articles.Where(a => a.IsVisibleAt(now)).ToList();

        Assert.True(visible.Count >= 30, $"only {visible.Count} visible demo articles");
        var industries = visible.SelectMany(a => a.Tags).Where(t => t.Tag!.Kind == TagKind.Industry)
            .GroupBy(t => t.Tag!.Name).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(DemoCatalog.Industries.Select(i => i.Name).Order(), industries.Keys.Order());
        Assert.All(industries, i => Assert.True(i.Value >= 2, $"industry {i.Key} on {i.Value} article(s)"));
        Assert.Contains(visible, a => TextDirection.For(a.Language) == "rtl");
        Assert.Equal(["ar", "fa", "he"], visible.Select(a => a.Language).Where(l => l != "en").Order());
        Assert.True(visible.Count(a => a.Access == AccessLevel.Pro) >= 5);
        Assert.True(visible.Count(a => a.Access == AccessLevel.Members) >= 3);
        Assert.True(visible.Count(a => a.Notes.Any(n => n.Kind == ArticleNoteKind.Correction)) >= 3);
        Assert.True(visible.Count(a => a.Notes.Any(n => n.Kind == ArticleNoteKind.EditorsNote)) >= 2);
        Assert.All(articles.SelectMany(a => a.Notes), n => Assert.True(n.CreatedAt <= now, "a note is dated in the future"));

        var scheduled = Assert.Single(articles, a => a.Status == ArticleStatus.Scheduled);
        Assert.Equal(now.AddDays(2), scheduled.PublishAt);
        Assert.False(scheduled.IsVisibleAt(now));
        var draft = Assert.Single(articles, a => a.Status == ArticleStatus.Draft);
        Assert.Null(draft.PublishAt);

        Assert.Contains(visible, a => a.PublishAt > now.AddDays(-2));
        Assert.All(articles, a =>
        {
            Assert.NotEmpty(a.Authors);
            Assert.Single(a.Revisions);
            Assert.Equal(1, a.Version);
            // A memo's headings are its parts'.
            Assert.Contains("<h2", a.BodyHtml + a.Memo?.Html);
            Assert.False(string.IsNullOrWhiteSpace(a.HeroImageAlt));
            Assert.Equal(DemoSeeder.Credit, a.HeroCredit);
            Assert.StartsWith("/media/", a.HeroImageUrl);
            var file = Path.Combine(app.DataDirectory, "media", a.HeroImageUrl!["/media/".Length..]);
            Assert.True(File.Exists(file), $"missing hero image {file}");
            Assert.StartsWith("<svg", File.ReadAllText(file));
        });
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task SeedingAgainDoesNotDuplicateContent(Db db)
    {
        await using var app = await TestApp.StartAsync(db, DemoOn);
        var before = await CountsAsync(app);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var written = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedContentAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, written);
        }

        Assert.True(before.Articles >= 30);
        Assert.Equal(before, await CountsAsync(app));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task DemoContentIsNotSeededWhenDisabled(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        Assert.Equal(new Counts(0, 0, 0, 0), await CountsAsync(app));
    }

    private sealed record Counts(int Articles, int Authors, int Tags, int Sections);

    private static Task<Counts> CountsAsync(TestApp app) => app.WithDbAsync(async d => new Counts(
        await d.Articles.CountAsync(), await d.Authors.CountAsync(), await d.Tags.CountAsync(), await d.Sections.CountAsync()));
}
