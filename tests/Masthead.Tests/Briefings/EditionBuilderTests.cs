using Masthead.Briefings;
using Masthead.Briefings.Editions;
using Masthead.Content;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Briefings;

public sealed class EditionBuilderTests
{
    [Theory, ClassData(typeof(Databases))]
    public async Task BuilderPicksOnlyVisibleMatchingInWindowArticlesNewestFirstAtMostN(Db db)
    {
        await using var app = await EditionTestSupport.StartAsync(db);
        var now = app.Time.GetUtcNow().UtcDateTime;
        var old = await app.CreateArticleAsync("Too old", publishAt: now.AddDays(-3), sectionSlug: "energy", tagSlugs: ["gulf"]);
        var draft = await app.CreateArticleAsync("A draft", ArticleStatus.Draft, sectionSlug: "energy", tagSlugs: ["gulf"]);
        var future = await app.CreateArticleAsync("Not yet", ArticleStatus.Scheduled, now.AddHours(2), sectionSlug: "energy", tagSlugs: ["gulf"]);
        var otherSection = await app.CreateArticleAsync("Wrong section", publishAt: now.AddHours(-2), sectionSlug: "security", tagSlugs: ["gulf"]);
        var otherTag = await app.CreateArticleAsync("Wrong tag", publishAt: now.AddHours(-2), sectionSlug: "energy", tagSlugs: ["levant"]);
        var a1 = await app.CreateArticleAsync("First match", publishAt: now.AddHours(-10), sectionSlug: "energy", tagSlugs: ["gulf"]);
        var a2 = await app.CreateArticleAsync("Second match", publishAt: now.AddHours(-5), sectionSlug: "energy", tagSlugs: ["gulf", "oil"]);
        var a3 = await app.CreateArticleAsync("Third match", publishAt: now.AddHours(-1), sectionSlug: "energy", tagSlugs: ["oil"]);
        var list = await app.CreateListAsync(sections: "energy", tags: "gulf oil", maxItems: 2);

        var edition = await app.InScopeAsync(sp => sp.GetRequiredService<EditionBuilder>().PrepareAsync(list, keepEmpty: true, TestContext.Current.CancellationToken));

        var items = await app.WithDbAsync(d => d.EditionItems.Where(i => i.EditionId == edition.Id).OrderBy(i => i.Position).Select(i => i.ArticleId).ToListAsync());
        Assert.Equal([a3.Id, a2.Id], items);
        Assert.Equal(EditionStatus.Draft, edition.Status);
        Assert.DoesNotContain(a1.Id, items);
        foreach (var excluded in new[] { old, draft, future, otherSection, otherTag }) Assert.DoesNotContain(excluded.Id, items);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheNextEditionStartsWhereThePreviousWindowEnded(Db db)
    {
        await using var app = await EditionTestSupport.StartAsync(db);
        var now = app.Time.GetUtcNow().UtcDateTime;
        var list = await app.CreateListAsync();
        var first = await app.CreateArticleAsync("Before the first edition", publishAt: now.AddHours(-3));
        var e1 = await app.InScopeAsync(sp => sp.GetRequiredService<EditionBuilder>().PrepareAsync(list, keepEmpty: true, TestContext.Current.CancellationToken));
        app.Time.Advance(TimeSpan.FromHours(6));
        var second = await app.CreateArticleAsync("After the first edition");
        var e2 = await app.InScopeAsync(sp => sp.GetRequiredService<EditionBuilder>().PrepareAsync(list, keepEmpty: true, TestContext.Current.CancellationToken));

        var items2 = await app.WithDbAsync(d => d.EditionItems.Where(i => i.EditionId == e2.Id).Select(i => i.ArticleId).ToListAsync());
        Assert.Equal(e1.WindowEnd, e2.WindowStart);
        Assert.Equal([second.Id], items2);
        Assert.DoesNotContain(first.Id, items2);
    }
}
