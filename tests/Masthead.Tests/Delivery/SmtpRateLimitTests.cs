using Masthead.Delivery.Smtp;
using Microsoft.Extensions.Time.Testing;

namespace Masthead.Tests.Delivery;

public sealed class SmtpRateLimitTests
{
    [Fact]
    public async Task TheTokenBucketLetsABurstThroughThenWaitsForTimeToRefill()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        var bucket = new TokenBucket(3, time);
        var ct = TestContext.Current.CancellationToken;

        for (var i = 0; i < 3; i++) await bucket.WaitAsync(ct);
        var fourth = bucket.WaitAsync(ct);
        await Task.Delay(50, ct);
        Assert.False(fourth.IsCompleted, "a fourth message within the same second must wait");

        time.Advance(TimeSpan.FromMilliseconds(400));
        await fourth.WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.True(fourth.IsCompletedSuccessfully);
    }
}
