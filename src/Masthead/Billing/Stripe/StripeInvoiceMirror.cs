using Masthead.Billing.Invoices;
using Masthead.Billing.Subscriptions;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;
using static Masthead.Billing.Stripe.StripeEventProcessor;
using OurInvoice = Masthead.Billing.Invoices.Invoice;

namespace Masthead.Billing.Stripe;

/// <summary>The money side of the webhook: Stripe invoices mirrored into our numbered invoices, and
/// refunds. Works in the processor's scope (same context, same transaction). Refunded amounts only
/// grow: Stripe's amount_refunded is cumulative, so the largest figure seen is the truth whatever
/// order <c>charge.refunded</c> and the invoice events arrive in.</summary>
public sealed class StripeInvoiceMirror(MastheadDb db, TimeProvider time, IOptions<BillingOptions> billing)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Our invoice for a Stripe invoice: numbered from our gapless sequence when first seen,
    /// then updated only from events newer than the last one applied to it.</summary>
    public async Task<OurInvoice> MirrorAsync(global::Stripe.Invoice inv, MemberSubscription s, Event e, CancellationToken ct)
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

    /// <summary><c>charge.refunded</c>: keep the figure (even before its invoice has arrived) and apply it to the invoice when known.</summary>
    public async Task<string> RefundedAsync(Charge charge, CancellationToken ct)
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

    /// <summary>A charge.refunded that arrived before this invoice: apply it now.</summary>
    private async Task ApplyKnownRefundAsync(OurInvoice ours, StripeInvoiceLink link, CancellationToken ct)
    {
        if (link.ChargeId is null && link.PaymentIntentId is null) return;
        var known = await db.Set<StripeChargeRefund>().AsNoTracking().FirstOrDefaultAsync(r => (link.ChargeId != null && r.ChargeId == link.ChargeId)
            || (link.PaymentIntentId != null && r.PaymentIntentId == link.PaymentIntentId), ct);
        if (known is not null && ours.Status != InvoiceStatus.Open) ApplyRefund(ours, known.AmountRefundedMinor, known.ChargeId);
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

    private static string Trim(string text) => text.Length > 300 ? text[..300] : text;
}
