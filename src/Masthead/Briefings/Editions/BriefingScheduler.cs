using System.ComponentModel.DataAnnotations;
using Cronos;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Briefings.Editions;

public sealed class BriefingSchedulerOptions
{
    public const string Section = "Briefings:Scheduler";

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed record SchedulerRun(int Drafted, int Sent, int Skipped, int Completed);

/// <summary>Runs the briefings' clocks. Each tick: a list whose cron occurrence (in its time zone) after
/// its latest edition has passed gets a new edition — sent at once when the list auto-sends, otherwise
/// left as a draft (never a second one while a draft is open); scheduled editions whose time has come
/// are sent; sending editions with nothing left in the outbox become Sent. All state is in rows, so a
/// restart catches up on the next tick.</summary>
public sealed class BriefingScheduler(IServiceScopeFactory scopes, TimeProvider time, IOptions<BriefingSchedulerOptions> options,
    ILogger<BriefingScheduler> logger) : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Briefing schedules failed; retrying on the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<SchedulerRun> RunDueAsync(CancellationToken ct = default)
    {
        // The timer and a caller (a test, the CLI) may run a tick at once; one at a time keeps "no second draft" true.
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<MastheadDb>();
            var sender = sp.GetRequiredService<EditionSender>();
            var builder = sp.GetRequiredService<EditionBuilder>();
            var now = time.GetUtcNow().UtcDateTime;
            int drafted = 0, sent = 0, skipped = 0;

            var lists = await db.BriefingLists.AsNoTracking().Where(l => l.IsActive && l.Schedule != null && l.Schedule != "").ToListAsync(ct);
            foreach (var list in lists)
            {
                if (!CronExpression.TryParse(list.Schedule!, out var cron)) continue;
                var last = await db.Editions.Where(e => e.ListId == list.Id).MaxAsync(e => (DateTime?)e.CreatedAt, ct) ?? list.CreatedAt;
                var next = cron.GetNextOccurrence(DateTime.SpecifyKind(last, DateTimeKind.Utc), Zones.Find(list.TimeZone));
                if (next is not { } due || due > now) continue;
                if (await db.Editions.AnyAsync(e => e.ListId == list.Id && e.Status == EditionStatus.Draft, ct)) continue;

                var edition = await builder.PrepareAsync(list, keepEmpty: false, ct);
                if (edition.Status == EditionStatus.Canceled)
                {
                    skipped++;
                    logger.LogInformation("Skipped the {List} edition due at {Due:u}: no matching articles", list.Slug, due);
                }
                else if (!list.AutoSend) drafted++;
                else if (await sender.SendNowAsync(edition.Id, ct) is { Ok: false } refused)
                {
                    drafted++;
                    logger.LogWarning("The automatic {List} edition {EditionId} was left as a draft: {Error}", list.Slug, edition.Id, refused.Error);
                }
                else sent++;
            }

            var scheduled = await db.Editions.AsNoTracking()
                .Where(e => e.Status == EditionStatus.Scheduled && e.SendAt != null && e.SendAt <= now).Select(e => e.Id).ToListAsync(ct);
            foreach (var id in scheduled)
            {
                var result = await sender.SendNowAsync(id, ct);
                if (result.Ok) sent++;
                else logger.LogWarning("Scheduled edition {EditionId} was not sent: {Error}", id, result.Error);
            }

            var completed = await sender.CompleteFinishedAsync(ct);
            return new SchedulerRun(drafted, sent, skipped, completed);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The next run of a schedule in UTC, or null when the cron or zone is unusable.</summary>
    public static DateTime? NextRun(string? schedule, string zone, DateTime fromUtc) =>
        CronExpression.TryParse(schedule ?? "", out var cron)
            ? cron.GetNextOccurrence(DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc), Zones.Find(zone))
            : null;
}
