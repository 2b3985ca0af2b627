using Microsoft.Extensions.Options;

namespace Masthead.Briefings.Subscribing;

/// <summary>Deletes addresses that never confirmed. Runs once at start and then on a timer; the work is one
/// DELETE, so several instances running it at once is harmless.</summary>
internal sealed class UnconfirmedCleanup(IServiceProvider services, TimeProvider time, IOptions<SubscribingOptions> options,
    ILogger<UnconfirmedCleanup> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, time);
        do
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var removed = await scope.ServiceProvider.GetRequiredService<BriefingSubscriptions>().ExpireUnconfirmedAsync(stoppingToken);
                if (removed > 0) log.LogInformation("Deleted {Count} unconfirmed briefing subscribers", removed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Cleanup of unconfirmed briefing subscribers failed; will retry");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
