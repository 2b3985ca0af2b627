using Masthead.Billing.Invoices;
using Masthead.Billing.Subscriptions;

namespace Masthead.Billing;

/// <summary>Whether a reader may start a free trial, and if not, why (a sentence to show). <see cref="CanSubscribe"/>:
/// the trial is refused only because one was already had, so the paid path (charged at once, no trial) is open.
/// <see cref="Reason"/> is the refusal for a reader who asked for a trial; <see cref="Notice"/> says the same fact on
/// a page where nothing was attempted (pricing, account), so it does not answer a request nobody made.</summary>
public sealed record TrialEligibility(bool Eligible, string? Reason, bool CanSubscribe = false, string? Notice = null)
{
    public string? Notice { get; init; } = Notice ?? Reason;
}

public sealed record CardView(string Brand, string Last4, int ExpMonth, int ExpYear);

public sealed record InvoiceLineView(string Description, int Quantity, Money Amount);

public sealed record InvoiceView(long Id, string Number, InvoiceStatus Status, DateTime CreatedAt, DateTime? PaidAt,
    DateTime PeriodStart, DateTime PeriodEnd, Money Subtotal, Money Tax, bool TaxInclusive, Money Total, Money Paid,
    Money Refunded, IReadOnlyList<InvoiceLineView> Lines)
{
    public Money Refundable => Paid - Refunded;
}

/// <summary>A subscription as the account page shows it. <see cref="NextChargeAt"/>/<see cref="NextChargeAmount"/>
/// are null when nothing more will be charged (canceled, ended).</summary>
public sealed record SubscriptionView(long Id, string UserId, string PlanSlug, string PlanName, string PriceDisplay,
    SubscriptionStatus Status, string StatusText, bool CancelAtPeriodEnd, DateTime? TrialEnd, DateTime CurrentPeriodStart,
    DateTime CurrentPeriodEnd, DateTime? NextChargeAt, Money? NextChargeAmount, DateTime? NextRetryAt, bool HasAccess,
    bool CanCancel, bool CanReactivate, int Seats);

/// <summary>Everything the member account page needs in one read.</summary>
public sealed record AccountBilling(SubscriptionView? Subscription, CardView? Card, IReadOnlyList<InvoiceView> Invoices,
    TrialEligibility Trial, bool IsTestMode);

public sealed record BillingEventView(long SubscriptionId, DateTime At, string Type, string Detail);

internal static class BillingViews
{
    public static SubscriptionView ToView(MemberSubscription s, DateTime now)
    {
        var price = s.Price!;
        var charging = s.Status is SubscriptionStatus.Trialing or SubscriptionStatus.Active && !s.CancelAtPeriodEnd;
        DateTime? nextCharge = charging ? s.CurrentPeriodEnd : s.Status == SubscriptionStatus.PastDue ? s.NextRetryAt : null;
        return new SubscriptionView(s.Id, s.UserId, price.Plan!.Slug, price.Plan.Name,
            Plans.PlanCatalog.Describe(price.Amount, price.Interval, price.PerSeat), s.Status, SubscriptionMachine.Describe(s),
            s.CancelAtPeriodEnd, s.TrialEnd, s.CurrentPeriodStart, s.CurrentPeriodEnd, nextCharge,
            nextCharge is null ? null : price.Amount * s.Seats, s.NextRetryAt, s.GrantsAccessAt(now),
            CanCancel: s.Status is SubscriptionStatus.Trialing or SubscriptionStatus.Active && !s.CancelAtPeriodEnd || s.Status == SubscriptionStatus.PastDue,
            CanReactivate: s.Status is SubscriptionStatus.Trialing or SubscriptionStatus.Active && s.CancelAtPeriodEnd && now < s.CurrentPeriodEnd,
            s.Seats);
    }

    public static InvoiceView ToView(Invoice i) => new(i.Id, i.Number, i.Status, i.CreatedAt, i.PaidAt, i.PeriodStart, i.PeriodEnd,
        i.Subtotal, i.Tax, i.TaxInclusive, i.Total, i.AmountPaid, i.AmountRefunded,
        i.Lines.OrderBy(l => l.Id).Select(l => new InvoiceLineView(l.Description, l.Quantity, new Money(l.AmountMinor, i.Currency))).ToList());
}
