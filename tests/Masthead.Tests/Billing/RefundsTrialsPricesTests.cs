using Masthead.Billing;
using Masthead.Billing.Gateway;
using Masthead.Billing.Invoices;
using Masthead.Billing.Plans;
using Masthead.Billing.Subscriptions;
using Masthead.Membership;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Billing;

public sealed class RefundsTrialsPricesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(Databases))]
    public async Task A_partial_refund_keeps_access_and_refunding_the_rest_of_the_current_period_ends_it(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var reader = await app.ReaderAsync();
        await app.StartTrialAsync(reader);
        await app.AdvanceAsync(TimeSpan.FromDays(7));
        var invoiceId = Assert.Single(await app.InvoicesAsync(reader)).Id;

        var part = await app.ScopedAsync<Refunds, RefundOutcome>(r => r.RefundAsync(invoiceId, new Money(10_000, "USD"), "admin-1", Ct));
        Assert.Equal(InvoiceStatus.PartiallyRefunded, part.Status);
        Assert.False(part.AccessEnded);
        Assert.Equal(ReaderTier.Pro, await app.TierAsync(reader));

        var tooMuch = await Assert.ThrowsAsync<BillingException>(() =>
            app.ScopedAsync<Refunds, RefundOutcome>(r => r.RefundAsync(invoiceId, new Money(20_001, "USD"), "admin-1", Ct)));
        Assert.Equal("too_much", tooMuch.Code);
        Assert.Contains("$200.00", tooMuch.Message);
        Assert.Equal(10_000, Assert.Single(await app.InvoicesAsync(reader)).AmountRefundedMinor);

        var rest = await app.ScopedAsync<Refunds, RefundOutcome>(r => r.RefundAsync(invoiceId, new Money(20_000, "USD"), "admin-1", Ct));
        Assert.Equal(InvoiceStatus.Refunded, rest.Status);
        Assert.True(rest.AccessEnded);
        var invoice = Assert.Single(await app.InvoicesAsync(reader));
        Assert.Equal((30_000, 30_000), (invoice.AmountPaidMinor, invoice.AmountRefundedMinor));
        Assert.Equal(SubscriptionStatus.Canceled, (await app.SubscriptionAsync(reader)).Status);
        Assert.Equal(ReaderTier.Free, await app.TierAsync(reader));
        var refunds = Mailbox.To(app.MailDirectory, reader.Email!).Where(m => m.Subject == "Refund for invoice LL-000001").ToList();
        Assert.Equal(2, refunds.Count);
        Assert.Contains(refunds, m => m.TextBody.Contains("your PRO access has ended"));
        Assert.Equal(0, (await app.AdvanceAsync(TimeSpan.FromDays(400))).Charges);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task A_second_trial_by_account_email_or_card_is_refused_and_nothing_is_charged_or_granted(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var first = await app.ReaderAsync("nadia@example.test");
        await app.StartTrialAsync(first);
        await app.BillingAsync(b => b.CancelAsync(first.Id, Ct));
        await app.AdvanceAsync(TimeSpan.FromDays(8));
        Assert.Equal(ReaderTier.Free, await app.TierAsync(first));

        var sameAccount = await Assert.ThrowsAsync<BillingException>(() => app.StartTrialAsync(first, "5555555555554444"));
        Assert.Equal("trial_used", sameAccount.Code);
        Assert.False((await app.BillingAsync(b => b.TrialEligibilityAsync(first.Id, Ct))).Eligible);

        var sameEmail = await app.ReaderAsync("Nadia+again@Example.test");
        var e = await Assert.ThrowsAsync<BillingException>(() => app.StartTrialAsync(sameEmail, "5555555555554444"));
        Assert.Equal(TrialKeys.UsedMessage, e.Message);

        var sameCard = await app.ReaderAsync("someone-else@example.test");
        Assert.True((await app.BillingAsync(b => b.TrialEligibilityAsync(sameCard.Id, Ct))).Eligible);
        var c = await Assert.ThrowsAsync<BillingException>(() => app.StartTrialAsync(sameCard, TestCards.Succeeds));
        Assert.Equal("trial_used", c.Code);

        foreach (var refused in new[] { sameEmail, sameCard })
        {
            Assert.Equal(ReaderTier.Free, await app.TierAsync(refused));
            Assert.Empty(app.Subjects(refused));
        }
        Assert.Equal(1, await app.WithDbAsync(d => d.BillingSubscriptions.CountAsync(Ct)));
        await app.AdvanceAsync(TimeSpan.FromDays(30));
        Assert.Equal(0, app.Gateway().SuccessfulCharges);
        Assert.Empty(await app.InvoicesAsync());
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task A_card_declined_at_checkout_starts_nothing(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var reader = await app.ReaderAsync();
        var e = await Assert.ThrowsAsync<BillingException>(() => app.StartTrialAsync(reader, TestCards.Declined));
        Assert.Equal("card_declined", e.Code);
        Assert.Equal(ReaderTier.Free, await app.TierAsync(reader));
        Assert.Equal(0, await app.WithDbAsync(d => d.BillingSubscriptions.CountAsync(Ct)));
        Assert.True((await app.BillingAsync(b => b.TrialEligibilityAsync(reader.Id, Ct))).Eligible);
        Assert.Empty(app.Subjects(reader));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task A_price_change_applies_to_new_subscriptions_only(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var oldPrice = await app.PriceIdAsync();
        var early = await app.ReaderAsync();
        await app.StartTrialAsync(early);

        var changed = await app.ScopedAsync<PlanCatalog, PriceOffer>(c =>
            c.ChangePriceAsync(PlanSlugs.Pro, BillingInterval.Year, Money.Parse("360", "USD"), Ct));
        Assert.Equal("$30.00/month, billed annually $360", changed.Display);
        var offers = await app.ScopedAsync<PlanCatalog, IReadOnlyList<PlanOffer>>(c => c.OffersAsync(Ct));
        var pro = offers.Single(o => o.Slug == PlanSlugs.Pro);
        Assert.Equal([changed.PriceId], pro.Prices.Where(p => p.Interval == BillingInterval.Year).Select(p => p.PriceId));

        var late = await app.ReaderAsync();
        var stale = await Assert.ThrowsAsync<BillingException>(() => app.StartTrialAsync(late, priceId: oldPrice));
        Assert.Equal("price_unavailable", stale.Code);
        await app.StartTrialAsync(late, "5555555555554444", changed.PriceId);

        await app.AdvanceAsync(TimeSpan.FromDays(7));
        Assert.Equal(30_000, Assert.Single(await app.InvoicesAsync(early)).TotalMinor);
        Assert.Equal(36_000, Assert.Single(await app.InvoicesAsync(late)).TotalMinor);
        Assert.Equal(oldPrice, (await app.SubscriptionAsync(early)).PriceId);
        Assert.Equal(ReaderTier.Pro, await app.TierAsync(early));
        Assert.Equal(1, app.Subjects(late).Count("Receipt LL-"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task Money_round_trips_through_the_database_exactly(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        // 2^53 + 1 is the first integer a double cannot hold: a float anywhere on the way would change it.
        const long huge = 9_007_199_254_740_993;
        var ids = await app.WithDbAsync(async d =>
        {
            var plan = await d.BillingPlans.SingleAsync(p => p.Slug == PlanSlugs.ProTeam, Ct);
            var prices = new[] { new Money(huge, "KWD"), new Money(1, "USD"), new Money(-12_345, "JPY"), new Money(long.MaxValue, "EUR") }
                .Select(m => new Price { PlanId = plan.Id, Interval = BillingInterval.Month, AmountMinor = m.Minor, Currency = m.Currency })
                .ToList();
            d.BillingPrices.AddRange(prices);
            await d.SaveChangesAsync(Ct);
            return prices.Select(p => p.Id).ToList();
        });
        var back = await app.WithDbAsync(d => d.BillingPrices.AsNoTracking().Where(p => ids.Contains(p.Id)).OrderBy(p => p.Id)
            .Select(p => new { p.AmountMinor, p.Currency }).ToListAsync(Ct));
        Assert.Equal([new Money(huge, "KWD"), new Money(1, "USD"), new Money(-12_345, "JPY"), new Money(long.MaxValue, "EUR")],
            back.Select(p => new Money(p.AmountMinor, p.Currency)));
        Assert.Equal("KWD 9,007,199,254,740.993", new Money(huge, "KWD").Format());
    }
}
