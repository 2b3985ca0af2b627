using Masthead.Billing;
using Masthead.Billing.Subscriptions;
using Masthead.Membership;
using Masthead.Tests.Billing;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Masthead.Tests.Membership;

/// <summary>A member's tier is remembered between requests (so PRO pages do not ask the database each time),
/// but never past a change this process saves, past a period that ends by itself, or past its short lifetime.</summary>
public sealed class EntitlementMemoTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(Databases))]
    public async Task ASavedChangeToTheSubscriptionIsSeenAtOnceAndAChangeBehindItsBackWithinTheLifetime(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var member = await app.ReaderAsync();
        await app.StartTrialAsync(member);
        Assert.Equal(ReaderTier.Pro, await app.TierAsync(member));

        // Through EF Core (what every billing path does): forgotten at once.
        await SaveStatusAsync(app, member.Id, SubscriptionStatus.Expired);
        Assert.Equal(ReaderTier.Free, await app.TierAsync(member));

        await SaveStatusAsync(app, member.Id, SubscriptionStatus.Active);
        Assert.Equal(ReaderTier.Pro, await app.TierAsync(member));

        // Behind its back (another process, a bulk update): the remembered answer stands until its lifetime ends.
        await app.WithDbAsync(d => d.BillingSubscriptions.Where(x => x.UserId == member.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, SubscriptionStatus.Expired), Ct));
        Assert.Equal(ReaderTier.Pro, await app.TierAsync(member));
        app.Time.Advance(EntitlementMemo.Lifetime + TimeSpan.FromSeconds(1));
        Assert.Equal(ReaderTier.Free, await app.TierAsync(member));
    }

    private static Task SaveStatusAsync(TestApp app, string userId, SubscriptionStatus status) => app.WithDbAsync(async d =>
    {
        var s = await d.BillingSubscriptions.SingleAsync(x => x.UserId == userId, Ct);
        s.Status = status;
        await d.SaveChangesAsync(Ct);
    });

    [Theory, ClassData(typeof(Databases))]
    public async Task ARememberedPeriodThatEndsByItselfEndsOnTime(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var member = await app.ReaderAsync();
        await app.StartTrialAsync(member);
        await app.BillingAsync(b => b.CancelAsync(member.Id, Ct));
        var end = (await app.SubscriptionAsync(member)).CurrentPeriodEnd;

        // Asked just before the end, remembered; asked just after, without any billing pass having run, gone.
        app.Time.SetUtcNow(new DateTimeOffset(end.AddSeconds(-5), TimeSpan.Zero));
        Assert.Equal(ReaderTier.Pro, await app.TierAsync(member));
        app.Time.SetUtcNow(new DateTimeOffset(end.AddSeconds(1), TimeSpan.Zero));
        Assert.Equal(ReaderTier.Free, await app.TierAsync(member));
    }

    [Fact]
    public void AnAnswerReadAcrossAChangeIsNotRemembered()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        var memo = new EntitlementMemo(time);
        var readAt = memo.Version;
        memo.Forget("someone-else"); // any change while the answer was being read
        memo.Remember("member", ReaderTier.Pro, until: null, readAt);
        Assert.False(memo.TryGet("member", out _));

        memo.Remember("member", ReaderTier.Pro, until: null, memo.Version);
        Assert.True(memo.TryGet("member", out var tier));
        Assert.Equal(ReaderTier.Pro, tier);
    }
}
