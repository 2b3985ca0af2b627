using System.Security.Claims;
using Masthead.Billing.Subscriptions;
using Masthead.Data;
using Masthead.Membership;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Billing;

/// <summary>The real <see cref="IEntitlements"/>: staff by role; PRO while a subscription is trialing,
/// active, past due (payment being retried) or canceled with its period not yet over; otherwise Free.
/// A request asks once (<see cref="ReaderTiers"/> keeps the answer in the request); across requests
/// <see cref="EntitlementMemo"/> keeps answers briefly.</summary>
internal sealed class BillingEntitlements(MastheadDb db, TimeProvider time, EntitlementMemo memo) : IEntitlements
{
    public async ValueTask<ReaderTier> TierAsync(ClaimsPrincipal? user, CancellationToken ct)
    {
        var byRole = AccountOnlyEntitlements.FromRoles(user);
        if (byRole != ReaderTier.Free) return byRole;
        var userId = user!.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return ReaderTier.Free;
        if (memo.TryGet(userId, out var tier)) return tier;
        var readAt = memo.Version;
        var (pro, until) = await ProUntilAsync(userId, ct);
        tier = pro ? ReaderTier.Pro : ReaderTier.Free;
        memo.Remember(userId, tier, until, readAt);
        return tier;
    }

    /// <summary>Whether the member has PRO now, and, when it ends by itself (canceled at period end), when.</summary>
    private async Task<(bool Pro, DateTime? Until)> ProUntilAsync(string userId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var granting = await db.Set<MemberSubscription>().AsNoTracking().Where(s => s.UserId == userId
            && (s.Status == SubscriptionStatus.Trialing || s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.PastDue)
            && (!s.CancelAtPeriodEnd || s.CurrentPeriodEnd > now))
            .Select(s => new { s.CancelAtPeriodEnd, s.CurrentPeriodEnd }).ToListAsync(ct);
        if (granting.Count == 0) return (false, null);
        return granting.Exists(s => !s.CancelAtPeriodEnd) ? (true, null) : (true, granting.Max(s => s.CurrentPeriodEnd));
    }
}
