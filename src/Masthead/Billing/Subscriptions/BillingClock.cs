using Masthead.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Billing.Subscriptions;

/// <summary>What one pass of the billing clock did.</summary>
public sealed record BillingRun(int Reminders, int Charges, int Retries, int Expired)
{
    public int Total => Reminders + Charges + Retries + Expired;
}

/// <summary>Runs due billing work every minute on the TimeProvider's timer. All state is in the rows,
/// so a restart catches up on the next tick, and every step re-checks and saves under the
/// subscription's concurrency token, so two instances running at once apply each step once.
/// Tests call <see cref="RunDueAsync"/> after advancing the fake clock.</summary>
public sealed class BillingClock(IServiceScopeFactory scopes, TimeProvider time, IOptions<BillingOptions> options,
    ILogger<BillingClock> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ClockEnabled) return;
        using var timer = new PeriodicTimer(options.Value.ClockInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Billing clock pass failed; retrying on the next tick");
            }
        }
    }

    /// <summary>One pass, in a safe order: expiries first (a canceled member is never charged), then
    /// reminders, conversions and renewals, then dunning retries. Repeats (bounded) while work remains,
    /// so a clock far behind — a month-long outage — catches up several periods in one call.</summary>
    public async Task<BillingRun> RunDueAsync(CancellationToken ct)
    {
        var total = new BillingRun(0, 0, 0, 0);
        for (var pass = 0; pass < 50; pass++)
        {
            var run = await PassAsync(ct);
            total = new(total.Reminders + run.Reminders, total.Charges + run.Charges, total.Retries + run.Retries, total.Expired + run.Expired);
            if (run.Total == 0) break;
        }
        if (total.Total > 0) log.LogInformation("Billing clock: {Run}", total);
        return total;
    }

    private async Task<BillingRun> PassAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var reminderWindow = now.AddDays(options.Value.TrialReminderDaysBefore);
        List<long> expire, remind, charge, retry;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var q = scope.ServiceProvider.GetRequiredService<MastheadDb>().Set<MemberSubscription>().AsNoTracking();
            var live = q.Where(s => s.Status == SubscriptionStatus.Trialing || s.Status == SubscriptionStatus.Active
                || s.Status == SubscriptionStatus.PastDue);
            expire = await live.Where(s => s.CancelAtPeriodEnd && s.CurrentPeriodEnd <= now).Select(s => s.Id).ToListAsync(ct);
            remind = await q.Where(s => s.Status == SubscriptionStatus.Trialing && !s.CancelAtPeriodEnd && s.TrialReminderSentAt == null
                && s.CurrentPeriodEnd <= reminderWindow && s.CurrentPeriodEnd > now).Select(s => s.Id).ToListAsync(ct);
            charge = await q.Where(s => (s.Status == SubscriptionStatus.Trialing || s.Status == SubscriptionStatus.Active)
                && !s.CancelAtPeriodEnd && s.CurrentPeriodEnd <= now).Select(s => s.Id).ToListAsync(ct);
            retry = await q.Where(s => s.Status == SubscriptionStatus.PastDue && s.NextRetryAt != null && s.NextRetryAt <= now)
                .Select(s => s.Id).ToListAsync(ct);
        }
        return new BillingRun(
            Expired: await EachAsync(expire, (e, id) => e.ExpireAsync(id, ct)),
            Reminders: await EachAsync(remind, (e, id) => e.RemindTrialAsync(id, ct)),
            Charges: await EachAsync(charge, (e, id) => e.ChargeNextPeriodAsync(id, ct)),
            Retries: await EachAsync(retry, (e, id) => e.RetryAsync(id, evenIfNotDue: false, ct)));
    }

    /// <summary>Each subscription in its own scope (a fresh DbContext): one failure is logged and skipped.</summary>
    private async Task<int> EachAsync(List<long> ids, Func<BillingEngine, long, Task<bool>> step)
    {
        var done = 0;
        foreach (var id in ids)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                if (await step(scope.ServiceProvider.GetRequiredService<BillingEngine>(), id)) done++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Billing step failed for subscription {Id}", id);
            }
        }
        return done;
    }
}
