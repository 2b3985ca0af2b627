namespace Masthead.Delivery.Outbox;

/// <summary>Renews a running batch's lease every Delivery:LeaseRenewInterval, so the lease can be short: the rows of a
/// process that died come back within Delivery:LeaseDuration, while a live batch keeps its rows however long it runs.
/// When a renewal fails (the database did not answer, or another process holds some of the rows because the lease
/// ran out) the batch must not go on sending what may now be someone else's: <c>onLost</c> stops it.</summary>
internal sealed class LeaseHeartbeat : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PeriodicTimer _timer;
    private readonly Task _beating;

    /// <summary>True once a renewal failed and the batch was told to stop.</summary>
    public bool Lost { get; private set; }

    public LeaseHeartbeat(SentRecorder lease, DeliveryOptions options, TimeProvider time, ILogger log, Action onLost)
    {
        // Created here, not in the loop, so the first beat is due one interval after the claim.
        _timer = new PeriodicTimer(options.LeaseRenewInterval, time);
        _beating = BeatAsync(lease, options.LeaseDuration, time, log, onLost);
    }

    private async Task BeatAsync(SentRecorder lease, TimeSpan duration, TimeProvider time, ILogger log, Action onLost)
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(_stop.Token))
            {
                bool held;
                try
                {
                    held = await lease.RenewAsync(time.GetUtcNow().UtcDateTime + duration);
                }
                catch (Exception e)
                {
                    log.LogWarning(e, "Renewing the delivery lease failed");
                    held = false;
                }
                if (held) continue;
                Lost = true;
                log.LogWarning("The delivery lease was lost; the batch stops sending and releases what it still holds");
                onLost();
                return;
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _beating;
        _timer.Dispose();
        _stop.Dispose();
    }
}
