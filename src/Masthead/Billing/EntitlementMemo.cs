using Masthead.Billing.Subscriptions;
using Masthead.Data;
using Masthead.Membership;

namespace Masthead.Billing;

/// <summary>Each member's tier, remembered for 30 seconds so a PRO reader's pages (which no shared cache may hold)
/// do not ask the database on every request. Forgotten the moment this process saves a change to that member's
/// subscription (<see cref="EntitlementChangeInterceptor"/>); an answer that depends on a period ending is kept no
/// later than that end; the lifetime bounds how long another instance (a worker, a webhook handled elsewhere) can
/// be behind.</summary>
public sealed class EntitlementMemo(TimeProvider time) : UserMemo<ReaderTier>(time, Lifetime)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
}

internal sealed class EntitlementChangeInterceptor(EntitlementMemo memo)
    : ForgetOnSaveInterceptor<MemberSubscription>(memo.Forget, subscription => subscription.UserId);
