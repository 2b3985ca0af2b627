namespace Masthead.Delivery.Smtp;

/// <summary>A messages-per-second limit shared by all connections: tokens refill continuously up to one
/// second's worth (the burst), and each message takes one. Time comes from the TimeProvider.</summary>
internal sealed class TokenBucket(double perSecond, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly double _capacity = Math.Max(1, perSecond);
    private double _tokens = Math.Max(1, perSecond);
    private long _last = time.GetTimestamp();

    public async Task WaitAsync(CancellationToken ct)
    {
        // Bounded: each pass either takes a token or sleeps until one should be there.
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = time.GetTimestamp();
                _tokens = Math.Min(_capacity, _tokens + time.GetElapsedTime(_last, now).TotalSeconds * perSecond);
                _last = now;
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return;
                }
                wait = TimeSpan.FromSeconds((1 - _tokens) / perSecond);
            }
            await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, time, ct);
        }
    }
}
