using Masthead.Content;
using Masthead.Content.Publishing;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Content;

public sealed class PublishingSchedulerTests
{
    [Theory, ClassData(typeof(Databases))]
    public async Task OnlyDueScheduledArticlesAreMarkedPublished(Db db)
    {
        // The hourly interval keeps the hosted worker from ticking during the 45 minutes this test advances,
        // so the counts below are this call's own.
        await using var app = await TestApp.StartAsync(db, new() { ["Publishing:Interval"] = "01:00:00" });
        var now = app.Time.GetUtcNow().UtcDateTime;
        var due = await app.CreateArticleAsync("Due", ArticleStatus.Scheduled, now.AddMinutes(30));
        var later = await app.CreateArticleAsync("Later", ArticleStatus.Scheduled, now.AddHours(5));
        var draft = await app.CreateArticleAsync("Draft", ArticleStatus.Draft);
        var publisher = app.Services.GetRequiredService<ScheduledPublisher>();

        Assert.Equal(0, await publisher.PublishDueAsync(TestContext.Current.CancellationToken));
        app.Time.Advance(TimeSpan.FromMinutes(45));
        Assert.Equal(1, await publisher.PublishDueAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await publisher.PublishDueAsync(TestContext.Current.CancellationToken));

        var statuses = await app.WithDbAsync(d => d.Articles.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Status));
        Assert.Equal(ArticleStatus.Published, statuses[due.Id]);
        Assert.Equal(ArticleStatus.Scheduled, statuses[later.Id]);
        Assert.Equal(ArticleStatus.Draft, statuses[draft.Id]);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ADueScheduledArticleIsVisibleBeforeTheWorkerRuns(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var now = app.Time.GetUtcNow().UtcDateTime;
        var article = await app.CreateArticleAsync("Visible on time", ArticleStatus.Scheduled, now.AddMinutes(10));
        Assert.False(await app.WithDbAsync(d => d.Articles.Where(Article.VisibleAt(now)).AnyAsync()));
        var later = now.AddMinutes(11);
        Assert.Equal([article.Id], await app.WithDbAsync(d => d.Articles.Where(Article.VisibleAt(later)).Select(a => a.Id).ToListAsync()));
    }
}
