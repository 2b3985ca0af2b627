using Masthead.Accounts;
using Masthead.Billing.Gateway;
using Masthead.Billing.Invoices;
using Masthead.Billing.Plans;
using Masthead.Billing.Subscriptions;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Billing.Admin;

/// <summary>Members written straight into the billing tables with a chosen past, so admin pages and metrics can
/// be tested on a known dataset without driving the clock.</summary>
internal static class MemberAdminSeed
{
    public sealed record Seeded(User User, long SubscriptionId, long? InvoiceId);

    public static DateTime At(int month, int day, int hour = 9) => new(2026, month, day, hour, 0, 0, DateTimeKind.Utc);

    public static async Task<Seeded> MemberAsync(this TestApp app, string email, SubscriptionStatus status, DateTime created,
        BillingInterval interval = BillingInterval.Year, DateTime? paidAt = null, DateTime? endedAt = null, string plan = PlanSlugs.Pro)
    {
        var user = await app.CreateUserAsync(email);
        return await app.WithDbAsync(async db =>
        {
            var price = await db.BillingPrices.Include(p => p.Plan).SingleAsync(p => p.Plan!.Slug == plan && p.Interval == interval && p.Active);
            var trialEnd = created.AddDays(7);
            var (start, end) = paidAt is { } p ? (p, price.PeriodEndFrom(p)) : (created, trialEnd);
            var s = new MemberSubscription
            {
                UserId = user.Id, PriceId = price.Id, Status = status, CreatedAt = created, TrialEnd = trialEnd,
                CurrentPeriodStart = start, CurrentPeriodEnd = end, EndedAt = endedAt,
            };
            db.Add(s);
            db.Add(new BillingCustomer
            {
                UserId = user.Id, Email = email, Gateway = "test", GatewayCustomerId = "cus_" + user.Id[..8],
                PaymentMethodId = "pm_" + user.Id[..8], CardBrand = "Visa", CardLast4 = "4242", CardExpMonth = 12, CardExpYear = 2030, CreatedAt = created,
            });
            await db.SaveChangesAsync();
            db.Add(new BillingEvent { SubscriptionId = s.Id, UserId = user.Id, Type = "trial started", At = created, Detail = "seeded" });
            Invoice? invoice = null;
            if (paidAt is { } paid)
            {
                var seq = await db.BillingInvoices.CountAsync() + 1;
                invoice = new Invoice
                {
                    Number = $"LL-{seq:000000}", Sequence = seq, UserId = user.Id, SubscriptionId = s.Id, Status = InvoiceStatus.Paid,
                    Currency = price.Currency, SubtotalMinor = price.AmountMinor, TotalMinor = price.AmountMinor, AmountPaidMinor = price.AmountMinor,
                    PeriodStart = start, PeriodEnd = end, CreatedAt = paid, PaidAt = paid, GatewayChargeId = "ch_seed_" + seq,
                    Lines = [new InvoiceLine { Description = price.Plan!.Name, UnitAmountMinor = price.AmountMinor, AmountMinor = price.AmountMinor }],
                };
                db.Add(invoice);
                // The test gateway refuses refunds of charges it has no record of.
                db.Add(new TestCharge
                {
                    Id = invoice.GatewayChargeId, IdempotencyKey = "seed-" + seq, CustomerId = "cus_" + user.Id[..8], PaymentMethodId = "pm_" + user.Id[..8],
                    AmountMinor = price.AmountMinor, Currency = price.Currency, CreatedAt = paid,
                });
                db.Add(new BillingEvent { SubscriptionId = s.Id, UserId = user.Id, Type = "email sent: receipt", At = paid, Detail = "Receipt " + invoice.Number });
            }
            await db.SaveChangesAsync();
            return new Seeded(user, s.Id, invoice?.Id);
        });
    }
}
