using Masthead.Briefings;
using Masthead.Briefings.Editions;
using Masthead.Delivery.Outbox;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Briefings;

public sealed class ScheduleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The hosted scheduler also ticks when the fake clock advances, so tests look at the rows after a tick,
    // not at which of the two runs did the work (RunDueAsync runs one at a time).
    private static Task<SchedulerRun> TickAsync(TestApp app) => app.Services.GetRequiredService<BriefingScheduler>().RunDueAsync(Ct);

    private static Task<int> EditionsAsync(TestApp app) => app.WithDbAsync(d => d.Editions.CountAsync());

    [Theory, ClassData(typeof(Databases))]
    public async Task ADueCronPreparesOneDraftInTheListTimeZoneAndNoSecondWhileItIsOpen(Db db)
    {
        await using var app = await EditionTestSupport.StartAsync(db);
        // 07:00 in Dubai is 03:00 UTC; the clock starts at 09:00 UTC on the 20th, so the next run is the 21st at 03:00 UTC.
        var list = await app.CreateListAsync(schedule: "0 7 * * *", timeZone: "Asia/Dubai");
        await app.CreateArticleAsync("Overnight report");

        await TickAsync(app);
        Assert.Equal(0, await EditionsAsync(app));
        app.Time.Advance(TimeSpan.FromHours(17)); // 02:00 UTC on the 21st
        await TickAsync(app);
        Assert.Equal(0, await EditionsAsync(app));
        app.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await TickAsync(app);
        Assert.Equal(1, await EditionsAsync(app));
        app.Time.Advance(TimeSpan.FromDays(1));
        await TickAsync(app);

        var editions = await app.WithDbAsync(d => d.Editions.Include(e => e.Items).ToListAsync());
        var draft = Assert.Single(editions);
        Assert.Equal(EditionStatus.Draft, draft.Status);
        Assert.Single(draft.Items);
        Assert.Equal(0, await app.WithDbAsync(d => d.Outbox.CountAsync()));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AnAutoSendListSendsOnItsScheduleAndSkipsAnEmptyEdition(Db db)
    {
        await using var app = await EditionTestSupport.StartAsync(db);
        var list = await app.CreateListAsync(schedule: "0 10 * * *", autoSend: true);
        await app.CreateSubscriberAsync("amira@example.test", list.Id);
        await app.CreateArticleAsync("Morning report");

        app.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(30));
        await TickAsync(app);
        var sent = await app.WithDbAsync(d => d.Editions.SingleAsync());
        Assert.Equal((EditionStatus.Sending, 1), (sent.Status, sent.RecipientCount));
        Assert.Equal(1, await app.WithDbAsync(d => d.Outbox.CountAsync(m => m.EditionId == sent.Id)));

        // Nothing new by the next day: that edition is skipped, recorded as such, and nothing is queued.
        app.Time.Advance(TimeSpan.FromDays(1));
        await TickAsync(app);
        Assert.Equal(2, await EditionsAsync(app));
        var skipped = await app.WithDbAsync(d => d.Editions.OrderByDescending(e => e.Id).FirstAsync());
        Assert.Equal((EditionStatus.Canceled, EditionBuilder.EmptyMarker), (skipped.Status, skipped.Subject));
        Assert.Equal(1, await app.WithDbAsync(d => d.Outbox.CountAsync()));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AScheduledEditionIsSentAtItsTimeAndMarkedSentWhenTheOutboxIsDone(Db db)
    {
        await using var app = await EditionTestSupport.StartAsync(db);
        var list = await app.CreateListAsync(timeZone: "Europe/Istanbul");
        await app.CreateSubscriberAsync("amira@example.test", list.Id);
        var edition = await app.CreateDraftAsync(list.Id, (await app.CreateArticleAsync("Alpha")).Id);
        var client = await app.SignedInClientAsync(Masthead.Accounts.Roles.Editor);
        var page = $"/admin/briefings/editions/{edition.Id}";

        // 14:00 in Istanbul (UTC+3) is 11:00 UTC.
        await client.PostFormAsync($"{page}?handler=Schedule", new() { ["sendAt"] = "2026-11-20T14:00" }, page);
        var scheduled = await app.WithDbAsync(d => d.Editions.SingleAsync(e => e.Id == edition.Id));
        Assert.Equal((EditionStatus.Scheduled, new DateTime(2026, 11, 20, 11, 0, 0, DateTimeKind.Utc)), (scheduled.Status, scheduled.SendAt));

        app.Time.Advance(TimeSpan.FromHours(1));
        await TickAsync(app);
        Assert.Equal(EditionStatus.Scheduled, await app.WithDbAsync(d => d.Editions.Where(e => e.Id == edition.Id).Select(e => e.Status).SingleAsync()));
        app.Time.Advance(TimeSpan.FromHours(1));
        await TickAsync(app);
        Assert.Equal(1, await app.WithDbAsync(d => d.Outbox.CountAsync(m => m.EditionId == edition.Id)));
        Assert.Equal(EditionStatus.Sending, await app.WithDbAsync(d => d.Editions.Where(e => e.Id == edition.Id).Select(e => e.Status).SingleAsync()));

        // The delivery workers mark rows final; then the next tick closes the edition.
        await app.WithDbAsync(d => d.Outbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sent), Ct));
        await TickAsync(app);
        Assert.Equal(EditionStatus.Sent, await app.WithDbAsync(d => d.Editions.Where(e => e.Id == edition.Id).Select(e => e.Status).SingleAsync()));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task CancelingAScheduleMakesTheEditionADraftThatIsNotSent(Db db)
    {
        await using var app = await EditionTestSupport.StartAsync(db);
        var list = await app.CreateListAsync();
        await app.CreateSubscriberAsync("amira@example.test", list.Id);
        var edition = await app.CreateDraftAsync(list.Id, (await app.CreateArticleAsync("Alpha")).Id);
        var client = await app.SignedInClientAsync(Masthead.Accounts.Roles.Editor);
        var page = $"/admin/briefings/editions/{edition.Id}";

        await client.PostFormAsync($"{page}?handler=Schedule", new() { ["sendAt"] = "2026-11-20T10:00" }, page);
        await client.PostFormAsync($"{page}?handler=CancelSchedule", [], page);
        app.Time.Advance(TimeSpan.FromHours(2));
        await TickAsync(app);

        Assert.Equal(EditionStatus.Draft, await app.WithDbAsync(d => d.Editions.Where(e => e.Id == edition.Id).Select(e => e.Status).SingleAsync()));
        Assert.Equal(0, await app.WithDbAsync(d => d.Outbox.CountAsync()));
    }
}
