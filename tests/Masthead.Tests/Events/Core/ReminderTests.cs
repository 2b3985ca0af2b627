using System.Data.Common;
using Masthead.Data;
using Masthead.Delivery.Outbox;
using Masthead.Events;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static Masthead.Tests.Events.Core.EventsCoreSupport;

namespace Masthead.Tests.Events.Core;

/// <summary>Day-before and hour-before reminders: once each per registrant, whatever stops a pass half way and however
/// many instances run it.</summary>
public sealed class ReminderTests
{
    /// <summary>Cancels the pass in flight once the outbox has taken <paramref name="inserts"/> rows: the instance
    /// "stops" in the middle of a pass, deterministically.</summary>
    private sealed class StopAfterOutboxInserts(int inserts) : DbCommandInterceptor
    {
        private int _seen;
        private volatile bool _armed;
        public CancellationTokenSource Stop { get; } = new();

        /// <summary>Counts from now (the registrations' own mail before it does not).</summary>
        public void Arm() => _armed = true;

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken cancellationToken = default)
        {
            if (_armed && command.CommandText.Contains("INSERT INTO", StringComparison.OrdinalIgnoreCase)
                && command.CommandText.Contains("\"Outbox\"", StringComparison.Ordinal)
                && Interlocked.Increment(ref _seen) >= inserts)
            {
                Stop.Cancel();
            }
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>A second instance of the app on the first one's database, with its own clock, set to the same time.</summary>
    private static async Task<TestApp> SecondInstanceAsync(TestApp first)
    {
        var connection = first.Database == Db.Postgres ? first.PostgresConnection! : DataModule.SqliteConnectionFor(first.DataDirectory);
        var second = await StartAsync(first.Database, new() { ["Database:ConnectionString"] = connection });
        second.Time.SetUtcNow(first.Time.GetUtcNow());
        return second;
    }

    private static Task<ReminderPassReport> PassAsync(TestApp app, CancellationToken? ct = null) =>
        app.WithAsync<ReminderPassReport, EventReminders>(r => r.RunPassAsync(ct ?? Ct));

    private static Task<List<string>> ReminderKeysAsync(TestApp app, int eventId) =>
        app.WithDbAsync(d => d.Outbox.AsNoTracking().Where(o => o.MessageKey.StartsWith($"event/{eventId}/reminder/"))
            .Select(o => o.MessageKey).ToListAsync(Ct));

    [Theory, ClassData(typeof(Databases))]
    public async Task EachReminderIsQueuedOnceAfterAStopInTheMiddleAndWithTwoInstancesAtOnce(Db db)
    {
        var stopper = new StopAfterOutboxInserts(2);
        await using var first = await TestApp.StartAsync(db, new()
        {
            ["Briefings:Subscribing:SeedDefaultLists"] = "false", ["Delivery:Enabled"] = "false", ["Events:Reminders:Enabled"] = "false",
            ["Events:Reminders:BatchSize"] = "2",
        }, s => s.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(stopper));
        var start = first.Time.GetUtcNow().UtcDateTime.AddHours(30);
        var ev = await first.CreateEventAsync(e => { e.StartsAt = start; e.EndsAt = start.AddHours(1); e.Capacity = 3; });
        var members = new List<Masthead.Accounts.User>();
        for (var i = 0; i < 4; i++)
        {
            var m = await first.MemberAsync($"member{i}");
            members.Add(m);
            await first.RegisterAsync(ev, m);
        }
        var waitlisted = members[3];
        await using var second = await SecondInstanceAsync(first);

        Assert.Equal(new ReminderPassReport(0, 0), await PassAsync(first));  // 30 hours before: nothing due

        first.Time.SetUtcNow(start.AddHours(-23));
        second.Time.SetUtcNow(start.AddHours(-23));
        stopper.Arm();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PassAsync(first, stopper.Stop.Token));
        Assert.Equal(2, (await ReminderKeysAsync(first, ev.Id)).Count);
        Assert.Null((await first.ReloadAsync(ev.Id)).DayReminderFor);

        // The other instance picks up where the stopped one left off; then both at once find nothing to do.
        await PassAsync(second);
        Assert.Equal(start, (await first.ReloadAsync(ev.Id)).DayReminderFor);
        await Task.WhenAll(PassAsync(first), PassAsync(second));
        var dayKeys = await ReminderKeysAsync(first, ev.Id);
        Assert.Equal(3, dayKeys.Count);
        Assert.All(dayKeys, k => Assert.Contains($"/24h/{start:yyyyMMddHHmm}", k));

        // An hour before, two instances at the same moment, with the flag reset as if neither had finished.
        first.Time.SetUtcNow(start.AddMinutes(-59));
        second.Time.SetUtcNow(start.AddMinutes(-59));
        await Task.WhenAll(PassAsync(first), PassAsync(second));
        await first.WithDbAsync(d => d.Set<Event>().Where(e => e.Id == ev.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.HourReminderFor, (DateTime?)null), Ct));
        await Task.WhenAll(PassAsync(first), PassAsync(second));
        var keys = await ReminderKeysAsync(first, ev.Id);
        Assert.Equal(6, keys.Count);
        Assert.Equal(6, keys.Distinct().Count());

        foreach (var member in members.Take(3))
        {
            var mail = await first.MailToAsync(member);
            Assert.Single(mail, m => m.Subject.StartsWith("Tomorrow:", StringComparison.Ordinal));
            var hour = Assert.Single(mail, m => m.Subject.StartsWith("In one hour:", StringComparison.Ordinal));
            Assert.DoesNotContain(ev.VideoUrl!, hour.TextBody + hour.HtmlBody);
            Assert.Contains($"http://localhost/events/{ev.Slug}", hour.TextBody);
            Assert.Contains("join link appears on the event page", hour.TextBody);
        }
        Assert.DoesNotContain(await first.MailToAsync(waitlisted), m => m.Subject.Contains(ev.Title) && m.Subject.StartsWith("Tomorrow", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMovedEventIsRemindedAgainAndCanceledOrDraftEventsNever()
    {
        await using var app = await StartAsync(Db.Sqlite);
        var start = app.Time.GetUtcNow().UtcDateTime.AddHours(20);
        var moved = await app.CreateEventAsync(e => { e.StartsAt = start; e.EndsAt = start.AddHours(1); });
        var canceled = await app.CreateEventAsync(e => { e.StartsAt = start; e.EndsAt = start.AddHours(1); });
        var member = await app.MemberAsync("mover");
        await app.RegisterAsync(moved, member);
        await app.RegisterAsync(canceled, member);
        await app.WithAsync<bool, EventChanges>(async c => { await c.CancelEventAsync(canceled.Id, "Postponed.", "editor@ledger.test", Ct); return true; });

        Assert.Equal(new ReminderPassReport(1, 1), await PassAsync(app));
        Assert.Equal(new ReminderPassReport(0, 0), await PassAsync(app));

        var later = start.AddDays(2);
        await app.WithDbAsync(d => d.Set<Event>().Where(e => e.Id == moved.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.StartsAt, later).SetProperty(e => e.EndsAt, later.AddHours(1)), Ct));
        Assert.Equal(new ReminderPassReport(0, 0), await PassAsync(app)); // not due yet at its new time
        app.Time.SetUtcNow(later.AddMinutes(-30));                       // first pass within the hour: the hour reminder only
        Assert.Equal(new ReminderPassReport(1, 1), await PassAsync(app));
        Assert.Equal(new ReminderPassReport(0, 0), await PassAsync(app));

        var keys = await ReminderKeysAsync(app, moved.Id);
        Assert.Equal([$"event/{moved.Id}/reminder/1/1h/{later:yyyyMMddHHmm}", $"event/{moved.Id}/reminder/1/24h/{start:yyyyMMddHHmm}"],
            keys.Order().ToArray());
        Assert.Empty(await ReminderKeysAsync(app, canceled.Id));
    }
}
