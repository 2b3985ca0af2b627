using Masthead.Billing.Emails;
using Masthead.Billing.Gateway;
using Masthead.Billing.Subscriptions;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Billing.Invoices;

public sealed record RefundOutcome(string InvoiceNumber, Money Refunded, Money TotalRefunded, InvoiceStatus Status, bool AccessEnded);

/// <summary>Admin refunds. Never more than what is left of the payment. A refund that makes the
/// invoice for the subscription's current period fully refunded ends the subscription at once
/// (Canceled, access Free): the member got their money back for the time they would be reading.
/// A partial refund, or a refund of an earlier period, leaves access alone.</summary>
public sealed class Refunds(MastheadDb db, TimeProvider time, IPaymentGateway gateway, BillingEmails emails, BillingHistory history)
{
    public async Task<RefundOutcome> RefundAsync(long invoiceId, Money amount, string? staffUserId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var invoice = await db.Set<Invoice>().Include(i => i.Lines).FirstOrDefaultAsync(i => i.Id == invoiceId, ct)
            ?? throw new BillingException("There is no such invoice.", "not_found");
        if (invoice.Status is not (InvoiceStatus.Paid or InvoiceStatus.PartiallyRefunded) || invoice.GatewayChargeId is null)
        {
            throw new BillingException($"Invoice {invoice.Number} has no payment left to refund.", "not_refundable");
        }
        if (amount.Currency != invoice.Currency) throw new BillingException($"Invoice {invoice.Number} is in {invoice.Currency}.", "currency");
        if (amount.Minor <= 0) throw new BillingException("A refund must be more than zero.", "invalid_amount");
        if (amount > invoice.Refundable)
        {
            throw new BillingException($"At most {invoice.Refundable.Format()} of invoice {invoice.Number} can be refunded.", "too_much");
        }

        var result = await gateway.RefundAsync(invoice.GatewayChargeId, amount,
            $"invoice-{invoice.Id}-refund-{invoice.AmountRefundedMinor}-{amount.Minor}", ct);
        if (!result.Succeeded) throw new BillingException($"The gateway refused the refund: {result.Message}", "gateway");

        invoice.AmountRefundedMinor += amount.Minor;
        invoice.Status = invoice.AmountRefundedMinor == invoice.AmountPaidMinor ? InvoiceStatus.Refunded : InvoiceStatus.PartiallyRefunded;
        var s = await db.Set<MemberSubscription>().Include(x => x.Price).ThenInclude(p => p!.Plan).SingleAsync(x => x.Id == invoice.SubscriptionId, ct);
        var by = staffUserId is null ? "" : $" by {staffUserId}";
        history.Add(s, "refund issued", $"{amount.Format()} of invoice {invoice.Number}{by} ({result.RefundId})");
        var accessEnded = invoice.Status == InvoiceStatus.Refunded && s.IsLive && invoice.PeriodEnd == s.CurrentPeriodEnd;
        if (accessEnded) history.Add(s, SubscriptionMachine.CancelNow(s, time.GetUtcNow().UtcDateTime, "current period refunded"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var email = await db.Set<BillingCustomer>().Where(c => c.UserId == s.UserId).Select(c => c.Email).SingleAsync(ct);
        await history.SendAsync(s, emails.RefundIssued(email, invoice, amount, accessEnded), ct);
        return new RefundOutcome(invoice.Number, amount, invoice.AmountRefunded, invoice.Status, accessEnded);
    }
}
