using System.Security.Claims;
using Masthead.Billing.Subscriptions;
using Masthead.Data;
using Masthead.Membership;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Billing;

/// <summary>The real <see cref="IEntitlements"/>: staff by role; PRO while a subscription is trialing,
/// active, past due (payment being retried) or canceled with its period not yet over; otherwise Free.
/// Scoped, and answers each principal once per request.</summary>
internal sealed class BillingEntitlements(MastheadDb db, TimeProvider time) : IEntitlements
{
    private readonly Dictionary<string, ReaderTier> _answered = new();

    public async ValueTask<ReaderTier> TierAsync(ClaimsPrincipal? user, CancellationToken ct)
    {
        var byRole = AccountOnlyEntitlements.FromRoles(user);
        if (byRole != ReaderTier.Free) return byRole;
        var userId = user!.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return ReaderTier.Free;
        if (_answered.TryGetValue(userId, out var tier)) return tier;
        tier = await HasProAsync(userId, ct) ? ReaderTier.Pro : ReaderTier.Free;
        _answered[userId] = tier;
        return tier;
    }

    private async Task<bool> HasProAsync(string userId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Set<MemberSubscription>().AsNoTracking().AnyAsync(s => s.UserId == userId
            && (s.Status == SubscriptionStatus.Trialing || s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.PastDue)
            && (!s.CancelAtPeriodEnd || s.CurrentPeriodEnd > now), ct);
    }
}
