namespace Masthead.Billing.Subscriptions;

/// <summary>The subscription state machine, in one place. Each method checks that the transition is
/// allowed from the current state (else a <see cref="BillingException"/> with code "invalid_transition",
/// and nothing changes), applies it, bumps the concurrency token and returns the history event type.
/// It does no I/O: the engine charges, stores and emails around it.</summary>
public static class SubscriptionMachine
{
    public static string Cancel(MemberSubscription s, DateTime now)
    {
        Require(s, s.Status is SubscriptionStatus.Trialing or SubscriptionStatus.Active && !s.CancelAtPeriodEnd,
            "Only a trial or an active subscription that is not already canceled can be canceled.");
        s.CancelAtPeriodEnd = true;
        s.CanceledAt = now;
        return Changed(s, "canceled at period end");
    }

    public static string Reactivate(MemberSubscription s, DateTime now)
    {
        Require(s, s.Status is SubscriptionStatus.Trialing or SubscriptionStatus.Active && s.CancelAtPeriodEnd && now < s.CurrentPeriodEnd,
            "Only a canceled subscription whose period has not ended can be reactivated; start a new one instead.");
        s.CancelAtPeriodEnd = false;
        s.CanceledAt = null;
        return Changed(s, "reactivated");
    }

    /// <summary>A trial reminder went out; it is sent once per trial.</summary>
    public static string TrialReminded(MemberSubscription s, DateTime now)
    {
        Require(s, s.Status == SubscriptionStatus.Trialing && s.TrialReminderSentAt is null, "The trial reminder was already sent.");
        s.TrialReminderSentAt = now;
        return Changed(s, "trial reminder due");
    }

    /// <summary>The charge for [start, end) succeeded: active for that period, dunning cleared.</summary>
    public static string Paid(MemberSubscription s, DateTime periodStart, DateTime periodEnd)
    {
        Require(s, s.IsLive, "An ended subscription cannot be paid for.");
        var from = s.Status;
        s.Status = SubscriptionStatus.Active;
        s.CurrentPeriodStart = periodStart;
        s.CurrentPeriodEnd = periodEnd;
        ClearDunning(s);
        return Changed(s, from switch
        {
            SubscriptionStatus.Trialing => "trial converted",
            SubscriptionStatus.PastDue => "payment recovered",
            _ => "renewed",
        });
    }

    /// <summary>The first charge for a new period failed: past due for that period; retries are scheduled.</summary>
    public static string PaymentFailed(MemberSubscription s, long invoiceId, DateTime periodStart, DateTime periodEnd,
        DateTime now, IReadOnlyList<int> retryDays)
    {
        Require(s, s.Status is SubscriptionStatus.Trialing or SubscriptionStatus.Active, "Only a trial or active subscription can fall past due.");
        s.Status = SubscriptionStatus.PastDue;
        s.CurrentPeriodStart = periodStart;
        s.CurrentPeriodEnd = periodEnd;
        s.OpenInvoiceId = invoiceId;
        s.FirstFailedAt = now;
        s.RetryCount = 0;
        s.NextRetryAt = retryDays.Count > 0 ? now.AddDays(retryDays[0]) : null;
        return Changed(s, "past due");
    }

    /// <summary>A dunning retry failed. Returns true when that was the last retry and the subscription is now canceled.</summary>
    public static bool RetryFailed(MemberSubscription s, DateTime now, IReadOnlyList<int> retryDays, out string eventType)
    {
        Require(s, s.Status == SubscriptionStatus.PastDue, "Only a past-due subscription is retried.");
        s.RetryCount++;
        if (s.RetryCount >= retryDays.Count)
        {
            End(s, SubscriptionStatus.Canceled, now);
            eventType = Changed(s, "canceled after failed payments");
            return true;
        }
        s.NextRetryAt = s.FirstFailedAt!.Value.AddDays(retryDays[s.RetryCount]);
        eventType = Changed(s, "retry failed");
        return false;
    }

    /// <summary>A canceled subscription reached the end of its period.</summary>
    public static string Expire(MemberSubscription s, DateTime now)
    {
        Require(s, s.IsLive && s.CancelAtPeriodEnd && now >= s.CurrentPeriodEnd, "Only a canceled subscription at the end of its period expires.");
        End(s, SubscriptionStatus.Expired, s.CurrentPeriodEnd);
        return Changed(s, "expired");
    }

    /// <summary>Ends access now: a full refund of the current period, or canceling while past due.</summary>
    public static string CancelNow(MemberSubscription s, DateTime now, string reason)
    {
        Require(s, s.IsLive, "This subscription has already ended.");
        End(s, SubscriptionStatus.Canceled, now);
        s.CanceledAt ??= now;
        return Changed(s, "canceled: " + reason);
    }

    private static void End(MemberSubscription s, SubscriptionStatus status, DateTime at)
    {
        s.Status = status;
        s.EndedAt = at;
        ClearDunning(s);
    }

    private static void ClearDunning(MemberSubscription s)
    {
        s.OpenInvoiceId = null;
        s.FirstFailedAt = null;
        s.RetryCount = 0;
        s.NextRetryAt = null;
    }

    private static void Require(MemberSubscription s, bool allowed, string message)
    {
        if (!allowed) throw new BillingException($"{message} (The subscription is {Describe(s)}.)", "invalid_transition");
    }

    public static string Describe(MemberSubscription s) => s.Status switch
    {
        SubscriptionStatus.Trialing => s.CancelAtPeriodEnd ? "in a canceled trial" : "in its trial",
        SubscriptionStatus.Active => s.CancelAtPeriodEnd ? "active until the end of the period" : "active",
        SubscriptionStatus.PastDue => "past due",
        SubscriptionStatus.Canceled => "canceled",
        _ => "expired",
    };

    private static string Changed(MemberSubscription s, string eventType)
    {
        s.Version++;
        return eventType;
    }
}
