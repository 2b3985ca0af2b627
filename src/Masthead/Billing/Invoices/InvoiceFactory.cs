using Masthead.Billing.Plans;
using Masthead.Billing.Subscriptions;
using Masthead.Data;

namespace Masthead.Billing.Invoices;

/// <summary>Builds a numbered, open invoice for one subscription period, with tax per the options.</summary>
internal static class InvoiceFactory
{
    public static async Task<Invoice> CreateOpenAsync(MastheadDb db, MemberSubscription s, Price price, string planName,
        DateTime periodStart, DateTime periodEnd, BillingOptions o, DateTime now, CancellationToken ct)
    {
        var (sequence, number) = await InvoiceNumbers.NextAsync(db, o.InvoicePrefix, ct);
        var lineAmount = price.Amount * s.Seats;
        var interval = price.Interval == BillingInterval.Year ? "annual" : "monthly";
        var seats = price.PerSeat ? $", {s.Seats} seat{(s.Seats == 1 ? "" : "s")}" : "";
        var tax = o.TaxRateBasisPoints == 0 ? Money.Zero(price.Currency)
            : o.TaxInclusive ? lineAmount.IncludedTax(o.TaxRateBasisPoints) : lineAmount.PercentBasisPoints(o.TaxRateBasisPoints);
        var total = o.TaxInclusive ? lineAmount : lineAmount + tax;
        var invoice = new Invoice
        {
            Number = number, Sequence = sequence, UserId = s.UserId, SubscriptionId = s.Id, Status = InvoiceStatus.Open,
            Currency = price.Currency, SubtotalMinor = lineAmount.Minor, TaxMinor = tax.Minor,
            TaxRateBasisPoints = o.TaxRateBasisPoints, TaxInclusive = o.TaxInclusive, TotalMinor = total.Minor,
            PeriodStart = periodStart, PeriodEnd = periodEnd, CreatedAt = now,
            Lines =
            [
                new InvoiceLine
                {
                    Description = $"{planName}, {interval}{seats} ({Emails.BillingEmails.Date(periodStart)} to {Emails.BillingEmails.Date(periodEnd)})",
                    Quantity = s.Seats, UnitAmountMinor = price.AmountMinor, AmountMinor = lineAmount.Minor,
                },
            ],
        };
        db.Add(invoice);
        await db.SaveChangesAsync(ct);
        return invoice;
    }

    public static void MarkPaid(Invoice invoice, string chargeId, DateTime now)
    {
        invoice.Status = InvoiceStatus.Paid;
        invoice.AmountPaidMinor = invoice.TotalMinor;
        invoice.GatewayChargeId = chargeId;
        invoice.PaidAt = now;
    }
}
