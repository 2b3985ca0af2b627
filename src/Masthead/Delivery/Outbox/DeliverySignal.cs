namespace Masthead.Delivery.Outbox;

/// <summary>Wakes the idle delivery worker at once after an enqueue, instead of at its next poll.
/// A notification with nobody waiting is remembered until the next wait.</summary>
public sealed class DeliverySignal
{
    private TaskCompletionSource _next = NewSource();

    public void Notify() => Volatile.Read(ref _next).TrySetResult();

    /// <summary>Completes on a notification or after <paramref name="timeout"/>, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        var current = Volatile.Read(ref _next);
        if (!current.Task.IsCompleted)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var delay = Task.Delay(timeout, time, cts.Token);
            await Task.WhenAny(current.Task, delay);
            await cts.CancelAsync();
            ct.ThrowIfCancellationRequested();
        }
        // Consume the notification (if any) so the next wait blocks again.
        if (current.Task.IsCompleted) Interlocked.CompareExchange(ref _next, NewSource(), current);
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
