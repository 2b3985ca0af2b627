using Masthead.Data;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Masthead.Delivery.Outbox;

/// <summary>`delivery drain`: runs the delivery engine in the foreground until nothing in the outbox is
/// claimable, then exits. Rows deferred to later are left for the worker. Safe to kill at any moment and
/// run again: the queue is in the database and an expired lease is claimed again.</summary>
internal static class DeliveryCommands
{
    public static async Task<int> DrainAsync(IServiceProvider services, IAnsiConsole console, CancellationToken ct = default)
    {
        var engine = services.GetRequiredService<DeliveryEngine>();
        var time = services.GetRequiredService<TimeProvider>();
        var total = new BatchReport();
        while (!ct.IsCancellationRequested)
        {
            var report = await engine.RunBatchAsync(ct);
            total = Add(total, report);
            if (report.Claimed > 0)
            {
                console.MarkupLine($"batch: {report.Sent} sent, {report.Deferred} deferred, {report.Bounced} bounced, {report.Failed} failed, {report.Suppressed} suppressed");
                continue;
            }
            var (due, leased, later) = await PendingAsync(services, time.GetUtcNow().UtcDateTime, ct);
            if (due == 0 && leased == 0)
            {
                console.MarkupLine($"drained: {total.Sent} sent, {total.Bounced} bounced, {total.Failed} failed, {total.Suppressed} suppressed; {later} deferred to later");
                return Operations.Cli.Ok;
            }
            // Leases held by a process that died expire by themselves; wait for them briefly.
            await Task.Delay(TimeSpan.FromMilliseconds(250), time, ct);
        }
        return Operations.Cli.Ok;
    }

    private static async Task<(int Due, int Leased, int Later)> PendingAsync(IServiceProvider services, DateTime now, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        var due = await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Queued && o.NextAttemptAt <= now, ct);
        var leased = await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Leased, ct);
        var later = await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Queued && o.NextAttemptAt > now, ct);
        return (due, leased, later);
    }

    private static BatchReport Add(BatchReport a, BatchReport b) => new(a.Claimed + b.Claimed, a.Sent + b.Sent, a.Deferred + b.Deferred,
        a.Bounced + b.Bounced, a.Failed + b.Failed, a.Suppressed + b.Suppressed, a.Released + b.Released);
}
