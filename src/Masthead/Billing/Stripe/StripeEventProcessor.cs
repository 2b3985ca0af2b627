using System.Globalization;
using Masthead.Billing.Invoices;
using Masthead.Billing.Plans;
using Masthead.Billing.Subscriptions;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;
using OurInvoice = Masthead.Billing.Invoices.Invoice;
using Price = Masthead.Billing.Plans.Price;

namespace Masthead.Billing.Stripe;

/// <summary>Applies a verified Stripe event to our records, exactly once, in one transaction.
/// Idempotency: the event id is stored in the same transaction as its effects; a redelivery finds
/// it and returns "duplicate". Ordering: Stripe's payloads are snapshots, so a subscription (or an
/// invoice) takes its state from the newest event seen for it, by the event's <c>created</c> time,
/// and an older event arriving late is recorded as "stale" and not applied. Refunded amounts only
/// grow (max). So any delivery order reaches the state of the newest snapshot. See Stripe/README.md.</summary>
public sealed class StripeEventProcessor(MastheadDb db, TimeProvider time, BillingHistory history,
    IOptions<BillingOptions> billing, IOptions<StripeOptions> stripe, IStripeClient client)
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
            Charge charge when e.Type == EventTypes.ChargeRefunded => await RefundedAsync(charge, ct),
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
        var card = await OneTrialPerCardAsync(sub, s, ct);
        return Applied(link, s, e, before) + card;
    }

    private async Task<string> InvoiceAsync(global::Stripe.Invoice inv, Event e, CancellationToken ct)
    {
        var details = inv.Parent?.SubscriptionDetails;
        if (details?.SubscriptionId is not { } subId) return "ignored: not a subscription invoice";
        var (link, s) = await LinkAsync(subId, null, details.Metadata, inv.CustomerId, null, ct);
        if (link is null || s is null) return "ignored: subscription not started from Masthead";
        var ours = await MirrorInvoiceAsync(inv, s, e, ct);
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

    private async Task<string> RefundedAsync(Charge charge, CancellationToken ct)
    {
        // amount_refunded is cumulative at Stripe and only grows, so keeping the largest seen is order-proof.
        var known = await db.Set<StripeChargeRefund>().FirstOrDefaultAsync(r => r.ChargeId == charge.Id, ct);
        if (known is null) db.Add(known = new StripeChargeRefund { ChargeId = charge.Id, PaymentIntentId = charge.PaymentIntentId });
        known.AmountRefundedMinor = Math.Max(known.AmountRefundedMinor, charge.AmountRefunded);
        var link = await db.Set<StripeInvoiceLink>().FirstOrDefaultAsync(l => l.ChargeId == charge.Id
            || (charge.PaymentIntentId != null && l.PaymentIntentId == charge.PaymentIntentId), ct);
        if (link is null) return "refund kept: its invoice has not arrived (or is not a Masthead invoice)";
        var invoice = await db.Set<OurInvoice>().SingleAsync(i => i.Id == link.InvoiceId, ct);
        return ApplyRefund(invoice, known.AmountRefundedMinor, charge.Id);
    }

    /// <summary>Our admin refunds count in Stripe's amount_refunded too, so the larger figure is the truth.</summary>
    private string ApplyRefund(OurInvoice invoice, long amountRefunded, string chargeId)
    {
        var refunded = Math.Max(invoice.AmountRefundedMinor, amountRefunded);
        if (refunded == invoice.AmountRefundedMinor) return $"invoice {invoice.Number}: refund already recorded";
        invoice.AmountRefundedMinor = refunded;
        if (invoice.Status is InvoiceStatus.Paid or InvoiceStatus.PartiallyRefunded or InvoiceStatus.Refunded)
        {
            invoice.Status = refunded >= invoice.AmountPaidMinor ? InvoiceStatus.Refunded : InvoiceStatus.PartiallyRefunded;
        }
        db.Add(new BillingEvent
        {
            SubscriptionId = invoice.SubscriptionId, UserId = invoice.UserId, Type = "stripe: refund recorded", At = Now,
            Detail = $"{invoice.AmountRefunded.Format()} of invoice {invoice.Number} ({chargeId})",
        });
        return $"invoice {invoice.Number} refunded {invoice.AmountRefunded.Format()}";
    }

    /// <summary>Our invoice for a Stripe invoice: numbered from our gapless sequence when first seen,
    /// then updated only from events newer than the last one applied to it.</summary>
    private async Task<OurInvoice> MirrorInvoiceAsync(global::Stripe.Invoice inv, MemberSubscription s, Event e, CancellationToken ct)
    {
        var link = await db.Set<StripeInvoiceLink>().FirstOrDefaultAsync(l => l.StripeInvoiceId == inv.Id, ct);
        OurInvoice ours;
        var line = inv.Lines?.Data?.FirstOrDefault();
        if (link is null)
        {
            var (sequence, number) = await InvoiceNumbers.NextAsync(db, billing.Value.InvoicePrefix, ct);
            ours = new OurInvoice
            {
                Number = number, Sequence = sequence, UserId = s.UserId, SubscriptionId = s.Id, Status = InvoiceStatus.Open,
                Currency = inv.Currency.ToUpperInvariant(), CreatedAt = Utc(inv.Created),
                PeriodStart = Utc(line?.Period?.Start ?? inv.PeriodStart), PeriodEnd = Utc(line?.Period?.End ?? inv.PeriodEnd),
                Lines = (inv.Lines?.Data ?? []).Select(l => new InvoiceLine
                {
                    Description = Trim(l.Description ?? "PRO"), Quantity = (int)Math.Max(1, l.Quantity ?? 1),
                    UnitAmountMinor = l.Amount / Math.Max(1, l.Quantity ?? 1), AmountMinor = l.Amount,
                }).ToList(),
            };
            db.Add(ours);
            await db.SaveChangesAsync(ct);
            link = new StripeInvoiceLink { StripeInvoiceId = inv.Id, InvoiceId = ours.Id, LastEventCreatedAt = DateTime.UnixEpoch };
            db.Add(link);
        }
        else
        {
            ours = await db.Set<OurInvoice>().SingleAsync(i => i.Id == link.InvoiceId, ct);
        }
        var payment = inv.Payments?.Data?.FirstOrDefault(p => p.Status == "paid")?.Payment ?? inv.Payments?.Data?.FirstOrDefault()?.Payment;
        link.ChargeId ??= payment?.ChargeId;
        link.PaymentIntentId ??= payment?.PaymentIntentId;
        ours.GatewayChargeId ??= link.ChargeId ?? link.PaymentIntentId;
        if (Utc(e.Created) < link.LastEventCreatedAt) return ours;
        link.LastEventCreatedAt = Utc(e.Created);
        var taxExcluded = inv.TotalExcludingTax ?? inv.Total;
        ours.SubtotalMinor = inv.Subtotal;
        ours.TotalMinor = inv.Total;
        ours.TaxMinor = inv.Total - taxExcluded;
        ours.TaxInclusive = ours.TaxMinor > 0 && inv.Subtotal == inv.Total;
        ours.AmountPaidMinor = inv.AmountPaid;
        var refunded = ours.AmountRefundedMinor > 0;
        ours.Status = inv.Status switch
        {
            "paid" when refunded => ours.AmountRefundedMinor >= ours.AmountPaidMinor ? InvoiceStatus.Refunded : InvoiceStatus.PartiallyRefunded,
            "paid" => InvoiceStatus.Paid,
            "void" or "uncollectible" => InvoiceStatus.Void,
            _ => InvoiceStatus.Open,
        };
        ours.PaidAt = ours.Status == InvoiceStatus.Open || ours.Status == InvoiceStatus.Void ? null : ours.PaidAt ?? Utc(e.Created);
        await ApplyKnownRefundAsync(ours, link, ct);
        return ours;
    }

    /// <summary>A charge.refunded that arrived before this invoice: apply it now.</summary>
    private async Task ApplyKnownRefundAsync(OurInvoice ours, StripeInvoiceLink link, CancellationToken ct)
    {
        if (link.ChargeId is null && link.PaymentIntentId is null) return;
        var known = await db.Set<StripeChargeRefund>().AsNoTracking().FirstOrDefaultAsync(r => (link.ChargeId != null && r.ChargeId == link.ChargeId)
            || (link.PaymentIntentId != null && r.PaymentIntentId == link.PaymentIntentId), ct);
        if (known is not null && ours.Status != InvoiceStatus.Open) ApplyRefund(ours, known.AmountRefundedMinor, known.ChargeId);
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

    /// <summary>One trial per card, by Stripe's card fingerprint (the same card gives the same fingerprint on any
    /// customer). Checked once per subscription, the first time it is seen trialing with its default payment
    /// method: a new card is claimed; a card that already had a trial gets its trial ended now through the
    /// API (trial_end=now: Stripe invoices and charges the first period at once), and that is recorded. A failed
    /// API call throws, the event rolls back and Stripe delivers it again. Returns a note for the outcome.</summary>
    private async Task<string> OneTrialPerCardAsync(Subscription sub, MemberSubscription s, CancellationToken ct)
    {
        if (sub.Status != "trialing" || sub.DefaultPaymentMethodId is not { Length: > 0 } methodId) return "";
        if (await db.Set<TrialClaim>().AnyAsync(c => c.SubscriptionId == s.Id && c.Key.StartsWith("card:"), ct)
            || await db.Set<BillingEvent>().AnyAsync(x => x.SubscriptionId == s.Id && x.Type == CardTrialEnded, ct)) return "";
        var method = await new PaymentMethodService(client).GetAsync(methodId, cancellationToken: ct);
        if (method.Card is not { Fingerprint: { Length: > 0 } fingerprint } card) return "";
        if (await db.Set<BillingCustomer>().FirstOrDefaultAsync(c => c.UserId == s.UserId, ct) is { } customer)
        {
            (customer.PaymentMethodId, customer.CardBrand, customer.CardLast4) = (methodId, Brand(card.Brand), card.Last4);
            (customer.CardExpMonth, customer.CardExpYear, customer.CardFingerprint) = ((int)card.ExpMonth, (int)card.ExpYear, fingerprint);
        }
        var key = TrialKeys.Card(fingerprint);
        var earlier = await db.Set<TrialClaim>().AsNoTracking().FirstOrDefaultAsync(c => c.Key == key, ct);
        if (earlier is null)
        {
            db.Add(new TrialClaim { Key = key, UserId = s.UserId, SubscriptionId = s.Id, At = Now });
            return "";
        }
        await new SubscriptionService(client).UpdateAsync(sub.Id, new SubscriptionUpdateOptions { TrialEnd = SubscriptionTrialEnd.Now },
            new RequestOptions { IdempotencyKey = "masthead-card-trial-end-" + sub.Id }, ct);
        s.TrialEnd = Now;
        history.Add(s, CardTrialEnded,
            $"{Brand(card.Brand)} •••• {card.Last4} had a trial on subscription {earlier.SubscriptionId}; Stripe asked to end this trial now and charge");
        return ", trial ended now (card already had a trial)";
    }

    private static string Brand(string? brand) => brand switch
    {
        "visa" => "Visa", "mastercard" => "Mastercard", "amex" => "American Express", null or "" => "Card",
        _ => char.ToUpperInvariant(brand[0]) + brand[1..],
    };

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

    private static string Trim(string text) => text.Length > 300 ? text[..300] : text;

    private static DateTime Utc(DateTime d) => d.Kind == DateTimeKind.Utc ? d : DateTime.SpecifyKind(d, DateTimeKind.Utc);
}
