using Microsoft.Extensions.Options;

namespace Masthead.Events;

/// <summary>Runs <see cref="EventReminders.RunPassAsync"/> at start and every poll interval. Nothing to resume: what
/// is due is read from the events each time, and what was queued is in the outbox under its key. On stop the pass in
/// flight is canceled; the next start runs it again and queues only what is missing.</summary>
internal sealed class EventReminderWorker(IServiceScopeFactory scopes, TimeProvider time, IOptions<EventReminderOptions> options,
    ILogger<EventReminderWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<EventReminders>().RunPassAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                log.LogError(e, "Event reminder pass failed; retrying on the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
