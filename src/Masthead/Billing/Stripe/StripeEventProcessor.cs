using System.Globalization;
using Masthead.Billing.Plans;
using Masthead.Billing.Subscriptions;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;
using Price = Masthead.Billing.Plans.Price;

namespace Masthead.Billing.Stripe;

/// <summary>Applies a verified Stripe event to our records, exactly once, in one transaction.
/// Idempotency: the event id is stored in the same transaction as its effects; a redelivery finds
/// it and returns "duplicate". Ordering: Stripe's payloads are snapshots, so a subscription (or an
/// invoice) takes its state from the newest event seen for it, by the event's <c>created</c> time,
/// and an older event arriving late is recorded as "stale" and not applied. Refunded amounts only
/// grow (max). So any delivery order reaches the state of the newest snapshot. See Stripe/README.md.
/// This class links and moves subscriptions; invoices and refunds are <see cref="StripeInvoiceMirror"/>'s,
/// one trial per card is <see cref="StripeCardTrials"/>'s (both in this scope, so in this transaction).</summary>
public sealed class StripeEventProcessor(MastheadDb db, TimeProvider time, BillingHistory history,
    IOptions<BillingOptions> billing, IOptions<StripeOptions> stripe, StripeInvoiceMirror invoices, StripeCardTrials cards)
{
    public const string Duplicate = "duplicate";
    /// <summary>History type when a trial is ended at once because its card already had one.</summary>
    public const string CardTrialEnded = "stripe: trial ended, card already had a trial";
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<string> ProcessAsync(Event e, CancellationToken ct)
    {
        if (await db.Set<StripeEvent>().AsNoTracking().AnyAsync(x => x.Id == e.Id, ct)) return Duplicate;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = new StripeEvent { Id = e.Id, Type = e.Type, CreatedAt = Utc(e.Created), ReceivedAt = Now };
        db.Add(row);
        var outcome = e.Data.Object switch
        {
            Session session when e.Type == EventTypes.CheckoutSessionCompleted => await CheckoutCompletedAsync(session, ct),
            Subscription sub when e.Type is EventTypes.CustomerSubscriptionCreated or EventTypes.CustomerSubscriptionUpdated
                or EventTypes.CustomerSubscriptionDeleted => await SubscriptionAsync(sub, e, ct),
            global::Stripe.Invoice inv when e.Type is EventTypes.InvoicePaid or EventTypes.InvoicePaymentFailed => await InvoiceAsync(inv, e, ct),
            Charge charge when e.Type == EventTypes.ChargeRefunded => await invoices.RefundedAsync(charge, ct),
            _ => "ignored: not an event Masthead handles",
        };
        row.Outcome = outcome.Length > 300 ? outcome[..300] : outcome;
        row.ProcessedAt = Now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same event delivered twice at once: the other request recorded it first; ours rolls back.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            if (await db.Set<StripeEvent>().AsNoTracking().AnyAsync(x => x.Id == e.Id, ct)) return Duplicate;
            throw;
        }
        await tx.CommitAsync(ct);
        return outcome;
    }

    private async Task<string> CheckoutCompletedAsync(Session session, CancellationToken ct)
    {
        if (session.Mode != "subscription" || session.SubscriptionId is null) return "ignored: not a subscription checkout";
        var userId = session.ClientReferenceId ?? session.Metadata?.GetValueOrDefault(StripeGateway.UserIdKey);
        // A paid session is the no-trial path: the subscription starts active, not in a provisional trial.
        var (link, _) = await LinkAsync(session.SubscriptionId, userId, session.Metadata, session.CustomerId, null, ct,
            paidNow: session.PaymentStatus == "paid");
        return link is null ? "ignored: no Masthead user on the session" : "linked " + session.SubscriptionId;
    }

    private async Task<string> SubscriptionAsync(Subscription sub, Event e, CancellationToken ct)
    {
        var item = sub.Items?.Data?.FirstOrDefault();
        var (link, s) = await LinkAsync(sub.Id, null, sub.Metadata, sub.CustomerId, item?.Price?.Id, ct);
        if (link is null || s is null) return "ignored: subscription not started from Masthead";
        if (Stale(link, e)) return $"stale: older than {link.LastEventId}";
        var before = SubscriptionMachine.Describe(s);
        if (item is not null)
        {
            s.CurrentPeriodStart = Utc(item.CurrentPeriodStart);
            s.CurrentPeriodEnd = Utc(item.CurrentPeriodEnd);
            if (item.Quantity is > 0 and var q) s.Seats = (int)q;
        }
        s.TrialEnd = sub.TrialEnd is { } te ? Utc(te) : null;
        // The portal cancels "at period end" either with the flag or with cancel_at set to the period end.
        s.CancelAtPeriodEnd = sub.CancelAtPeriodEnd || (sub.CancelAt is { } at && Utc(at) <= s.CurrentPeriodEnd && sub.Status != "canceled");
        s.CanceledAt = sub.CanceledAt is { } ca ? Utc(ca) : null;
        s.EndedAt = sub.EndedAt is { } ea ? Utc(ea) : null;
        s.Status = sub.Status switch
        {
            "trialing" => SubscriptionStatus.Trialing,
            "active" => SubscriptionStatus.Active,
            "past_due" or "unpaid" => SubscriptionStatus.PastDue,
            // Ended where the member's cancel-at-period-end said: that is our Expired; anything else is Canceled.
            "canceled" when sub.CancelAtPeriodEnd || (sub.EndedAt is { } end && Utc(end) >= s.CurrentPeriodEnd) => SubscriptionStatus.Expired,
            _ => SubscriptionStatus.Canceled, // canceled, incomplete, incomplete_expired, paused: no access
        };
        if (s.Status != SubscriptionStatus.PastDue) ClearDunning(s);
        else s.FirstFailedAt ??= Utc(e.Created);
        var card = await cards.CheckAsync(sub, s, ct);
        return Applied(link, s, e, before) + card;
    }

    private async Task<string> InvoiceAsync(global::Stripe.Invoice inv, Event e, CancellationToken ct)
    {
        var details = inv.Parent?.SubscriptionDetails;
        if (details?.SubscriptionId is not { } subId) return "ignored: not a subscription invoice";
        var (link, s) = await LinkAsync(subId, null, details.Metadata, inv.CustomerId, null, ct);
        if (link is null || s is null) return "ignored: subscription not started from Masthead";
        var ours = await invoices.MirrorAsync(inv, s, e, ct);
        if (Stale(link, e)) return $"invoice {ours.Number} mirrored; subscription stale: older than {link.LastEventId}";
        if (!s.IsLive) return $"invoice {ours.Number} mirrored; subscription already ended";
        var before = SubscriptionMachine.Describe(s);
        if (e.Type == EventTypes.InvoicePaid)
        {
            // A $0 invoice is the trial's opening invoice: it pays for nothing, the trial goes on.
            if (inv.AmountPaid <= 0) return $"invoice {ours.Number} mirrored (nothing charged)";
            s.Status = SubscriptionStatus.Active;
            (s.CurrentPeriodStart, s.CurrentPeriodEnd) = (ours.PeriodStart, ours.PeriodEnd);
            ClearDunning(s);
        }
        else
        {
            s.Status = SubscriptionStatus.PastDue;
            s.OpenInvoiceId = ours.Id;
            s.FirstFailedAt ??= Utc(e.Created);
            s.NextRetryAt = inv.NextPaymentAttempt is { } next ? Utc(next) : null;
        }
        return Applied(link, s, e, before) + $", invoice {ours.Number}";
    }

    /// <summary>The link for a Stripe subscription, creating our subscription (trialing, provisional
    /// dates until a subscription event says otherwise) the first time any event names it.</summary>
    private async Task<(StripeSubscriptionLink?, MemberSubscription?)> LinkAsync(string stripeSubscriptionId, string? userId,
        IDictionary<string, string>? metadata, string? customerId, string? stripePriceId, CancellationToken ct, bool paidNow = false)
    {
        var link = await db.Set<StripeSubscriptionLink>().FirstOrDefaultAsync(l => l.StripeSubscriptionId == stripeSubscriptionId, ct);
        if (link is not null)
        {
            link.StripeCustomerId ??= customerId;
            var existing = await db.Set<MemberSubscription>().Include(x => x.Price).ThenInclude(p => p!.Plan).SingleAsync(x => x.Id == link.SubscriptionId, ct);
            return (link, existing);
        }
        userId ??= Meta(metadata, StripeGateway.UserIdKey);
        var email = userId is null ? null : await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(ct);
        if (userId is null || email is null) return (null, null);
        var price = await PriceAsync(metadata, stripePriceId, ct);
        if (price is null) return (null, null);
        if (customerId is not null) await EnsureCustomerAsync(userId, email, customerId, ct);

        var days = paidNow ? 0 : price.TrialDays > 0 ? price.TrialDays : billing.Value.TrialDays;
        var s = new MemberSubscription
        {
            UserId = userId, PriceId = price.Id, Price = price, Status = days > 0 ? SubscriptionStatus.Trialing : SubscriptionStatus.Active,
            CreatedAt = Now, TrialEnd = days > 0 ? Now.AddDays(days) : null, CurrentPeriodStart = Now,
            CurrentPeriodEnd = days > 0 ? Now.AddDays(days) : price.PeriodEndFrom(Now),
        };
        db.Add(s);
        await db.SaveChangesAsync(ct);
        link = new StripeSubscriptionLink
        {
            StripeSubscriptionId = stripeSubscriptionId, SubscriptionId = s.Id, UserId = userId, StripeCustomerId = customerId,
            LastEventCreatedAt = DateTime.UnixEpoch,
        };
        db.Add(link);
        // One trial per person holds across gateways: claim the account and email keys as the test gateway does.
        var keys = TrialKeys.For(userId, email, null);
        var taken = await db.Set<TrialClaim>().Where(c => keys.Contains(c.Key)).Select(c => c.Key).ToListAsync(ct);
        foreach (var key in keys.Except(taken)) db.Add(new TrialClaim { Key = key, UserId = userId, SubscriptionId = s.Id, At = Now });
        history.Add(s, "stripe: subscription linked", $"{price.Plan?.Name} ({stripeSubscriptionId})");
        return (link, s);
    }

    private async Task<Price?> PriceAsync(IDictionary<string, string>? metadata, string? stripePriceId, CancellationToken ct)
    {
        if (Meta(metadata, StripeGateway.PriceIdKey) is { } raw && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return await db.Set<Price>().Include(p => p.Plan).SingleOrDefaultAsync(p => p.Id == id, ct);
        }
        if (stripePriceId is null) return null;
        // Started outside our checkout (the dashboard): find our price by the configured mapping.
        var prices = await db.Set<Price>().Include(p => p.Plan).Where(p => p.Active).ToListAsync(ct);
        return prices.FirstOrDefault(p => StripeGateway.StripePriceFor(p, stripe.Value) == stripePriceId);
    }

    private async Task EnsureCustomerAsync(string userId, string email, string customerId, CancellationToken ct)
    {
        var customer = await db.Set<BillingCustomer>().FirstOrDefaultAsync(c => c.UserId == userId, ct);
        if (customer is null)
        {
            db.Add(new BillingCustomer { UserId = userId, Email = email, Gateway = StripeGateway.GatewayName, GatewayCustomerId = customerId, CreatedAt = Now });
        }
        else if (customer.GatewayCustomerId != customerId)
        {
            // The card now lives at Stripe; a test-gateway card on file no longer applies.
            (customer.Gateway, customer.GatewayCustomerId, customer.PaymentMethodId) = (StripeGateway.GatewayName, customerId, null);
            (customer.CardBrand, customer.CardLast4, customer.CardExpMonth, customer.CardExpYear, customer.CardFingerprint) = (null, null, null, null, null);
        }
    }

    private static bool Stale(StripeSubscriptionLink link, Event e) => Utc(e.Created) < link.LastEventCreatedAt;

    private string Applied(StripeSubscriptionLink link, MemberSubscription s, Event e, string before)
    {
        link.LastEventCreatedAt = Utc(e.Created);
        link.LastEventId = e.Id;
        s.Version++;
        var after = SubscriptionMachine.Describe(s);
        history.Add(s, before == after ? "stripe: updated" : $"stripe: {after}", $"{e.Type} {e.Id}");
        return "applied: " + after;
    }

    private static void ClearDunning(MemberSubscription s) =>
        (s.OpenInvoiceId, s.FirstFailedAt, s.RetryCount, s.NextRetryAt) = (null, null, 0, null);

    private static string? Meta(IDictionary<string, string>? metadata, string key) =>
        metadata is not null && metadata.TryGetValue(key, out var value) ? value : null;

    internal static DateTime Utc(DateTime d) => d.Kind == DateTimeKind.Utc ? d : DateTime.SpecifyKind(d, DateTimeKind.Utc);
}
