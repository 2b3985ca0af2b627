using Masthead.Data;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Masthead.Delivery.Outbox;

/// <summary>`delivery drain`: runs the delivery engine in the foreground until nothing in the outbox is
/// claimable, then exits. Rows deferred to later are left for the worker. Safe to kill at any moment and
/// run again: the queue is in the database, and a killed run's lease expires within Delivery:LeaseDuration (while
/// it waits for that, it says how many messages and until when).</summary>
internal static class DeliveryCommands
{
    public static async Task<int> DrainAsync(IServiceProvider services, IAnsiConsole console, CancellationToken ct = default)
    {
        var engine = services.GetRequiredService<DeliveryEngine>();
        var time = services.GetRequiredService<TimeProvider>();
        var total = new BatchReport();
        (int, DateTime?) saidWaiting = default;
        while (!ct.IsCancellationRequested)
        {
            var report = await engine.RunBatchAsync(ct);
            total = Add(total, report);
            if (report.Claimed > 0)
            {
                console.MarkupLine($"batch: {report.Sent} sent, {report.Deferred} deferred, {report.Bounced} bounced, {report.Failed} failed, {report.Suppressed} suppressed");
                continue;
            }
            var (due, leased, leasedUntil, later) = await PendingAsync(services, time.GetUtcNow().UtcDateTime, ct);
            if (due == 0 && leased == 0)
            {
                console.MarkupLine($"drained: {total.Sent} sent, {total.Bounced} bounced, {total.Failed} failed, {total.Suppressed} suppressed; {later} deferred to later");
                return Operations.Cli.Ok;
            }
            // Rows leased by another process: a live one renews its lease while it sends, a dead one's lease runs out
            // within Delivery:LeaseDuration and its rows are claimed here. Say so once per change rather than go silent.
            if (leased > 0 && (leased, leasedUntil) != saidWaiting)
            {
                console.MarkupLine($"waiting for {leased} messages leased by another process until {leasedUntil:HH:mm:ss} UTC");
                saidWaiting = (leased, leasedUntil);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), time, ct);
        }
        return Operations.Cli.Ok;
    }

    private static async Task<(int Due, int Leased, DateTime? LeasedUntil, int Later)> PendingAsync(IServiceProvider services, DateTime now,
        CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        var due = await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Queued && o.NextAttemptAt <= now, ct);
        var leased = await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Leased, ct);
        var leasedUntil = leased == 0 ? null : await db.Outbox.Where(o => o.Status == OutboxStatus.Leased).MaxAsync(o => o.LeaseExpiresAt, ct);
        var later = await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Queued && o.NextAttemptAt > now, ct);
        return (due, leased, leasedUntil, later);
    }

    private static BatchReport Add(BatchReport a, BatchReport b) => new(a.Claimed + b.Claimed, a.Sent + b.Sent, a.Deferred + b.Deferred,
        a.Bounced + b.Bounced, a.Failed + b.Failed, a.Suppressed + b.Suppressed, a.Released + b.Released);
}
