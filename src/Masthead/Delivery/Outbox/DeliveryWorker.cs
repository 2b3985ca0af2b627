using Microsoft.Extensions.Options;

namespace Masthead.Delivery.Outbox;

/// <summary>Runs the delivery engine in the web process: batches back to back while there is work, then
/// idles until <see cref="DeliverySignal"/> or the poll interval. Nothing to resume at start: the queue
/// is in the database, and expired leases are requeued by the next claim.</summary>
internal sealed class DeliveryWorker(DeliveryEngine engine, DeliverySignal signal, IOptions<DeliveryOptions> options,
    TimeProvider time, ILogger<DeliveryWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                var report = await engine.RunBatchAsync(stoppingToken);
                claimed = report.Claimed;
                if (claimed > 0) log.LogDebug("Delivery batch: {Report}", report);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The database may be briefly unavailable: keep the worker alive and try at the next poll.
                log.LogError(e, "Delivery batch failed");
            }
            if (claimed > 0) continue;
            try
            {
                await signal.WaitAsync(options.Value.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
