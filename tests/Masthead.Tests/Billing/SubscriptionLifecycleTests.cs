using Masthead.Billing;
using Masthead.Billing.Gateway;
using Masthead.Billing.Invoices;
using Masthead.Billing.Subscriptions;
using Masthead.Membership;
using Masthead.Tests.Support;

namespace Masthead.Tests.Billing;

/// <summary>The state machine end to end on the fake clock: each test ends on access and emails.
/// The clock starts 2026-11-20 09:00Z, so a 7-day trial converts on 27 November.</summary>
public sealed class SubscriptionLifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(Databases))]
    public async Task A_trial_reminds_three_days_ahead_then_converts_with_a_receipt_and_invoice_one(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var reader = await app.ReaderAsync();

        var started = await app.StartTrialAsync(reader);
        Assert.Equal(SubscriptionStatus.Trialing, started.Status);
        Assert.Equal(ReaderTier.Pro, await app.TierAsync(reader));
        Assert.Equal(1, app.Subjects(reader).Count("Your PRO Individual trial has started"));

        var early = await app.AdvanceAsync(TimeSpan.FromDays(3));
        Assert.Equal(0, early.Total);
        await app.AdvanceAsync(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var reminder = Mailbox.To(app.MailDirectory, reader.Email!).Single(m => m.Subject!.StartsWith("Your PRO Individual trial ends"));
        Assert.Contains("27 November 2026", reminder.TextBody);
        Assert.Contains("$300.00", reminder.TextBody);
        Assert.Contains("http://localhost/account/billing", reminder.TextBody);
        Assert.Empty(await app.InvoicesAsync(reader));

        var run = await app.AdvanceAsync(TimeSpan.FromDays(3));
        Assert.Equal(1, run.Charges);
        var invoice = Assert.Single(await app.InvoicesAsync(reader));
        Assert.Equal("LL-000001", invoice.Number);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(30_000, invoice.TotalMinor);
        var s = await app.SubscriptionAsync(reader);
        Assert.Equal(SubscriptionStatus.Active, s.Status);
        Assert.Equal(new DateTime(2027, 11, 27, 9, 0, 0, DateTimeKind.Utc), s.CurrentPeriodEnd);
        Assert.Equal(1, app.Gateway().SuccessfulCharges);
        var receipt = Mailbox.To(app.MailDirectory, reader.Email!).Single(m => m.Subject == "Receipt LL-000001");
        Assert.Contains("Total paid: $300.00", receipt.TextBody);
        Assert.Contains("LL-000001", receipt.HtmlBody);
        Assert.Equal(0, (await app.AdvanceAsync(TimeSpan.FromMinutes(1))).Total);
        Assert.Contains("email sent: receipt", await app.HistoryAsync(reader));
        Assert.Equal(ReaderTier.Pro, await app.TierAsync(reader));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task A_trial_canceled_before_conversion_is_never_charged_and_access_ends_with_the_trial(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var reader = await app.ReaderAsync();
        await app.StartTrialAsync(reader);

        await app.AdvanceAsync(TimeSpan.FromDays(2));
        var canceled = await app.BillingAsync(b => b.CancelAsync(reader.Id, Ct));
        Assert.True(canceled.CancelAtPeriodEnd);
        Assert.Null(canceled.NextChargeAt);
        Assert.Equal(ReaderTier.Pro, await app.TierAsync(reader));

        await app.AdvanceAsync(TimeSpan.FromDays(5) - TimeSpan.FromMinutes(1));
        Assert.Equal(ReaderTier.Pro, await app.TierAsync(reader));
        await app.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(SubscriptionStatus.Expired, (await app.SubscriptionAsync(reader)).Status);
        Assert.Empty(await app.InvoicesAsync(reader));
        Assert.Equal(0, app.Gateway().SuccessfulCharges);
        Assert.Equal(ReaderTier.Free, await app.TierAsync(reader));
        var subjects = app.Subjects(reader);
        Assert.Equal(1, subjects.Count("Your PRO Individual subscription is canceled"));
        Assert.Equal(1, subjects.Count("Your PRO Individual subscription has ended"));
        Assert.Equal(0, subjects.Count("Your PRO Individual trial ends"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task A_card_failing_at_conversion_is_retried_on_days_one_three_and_five_then_canceled(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var reader = await app.ReaderAsync();
        await app.StartTrialAsync(reader, TestCards.ChargeFails);

        await app.AdvanceAsync(TimeSpan.FromDays(7));
        var s = await app.SubscriptionAsync(reader);
        Assert.Equal(SubscriptionStatus.PastDue, s.Status);
        Assert.Equal(InvoiceStatus.Open, Assert.Single(await app.InvoicesAsync(reader)).Status);
        Assert.Equal(ReaderTier.Pro, await app.TierAsync(reader)); // access continues while payment is retried
        var failed = Mailbox.To(app.MailDirectory, reader.Email!).Single(m => m.Subject!.StartsWith("We could not take"));
        Assert.Contains("28 November 2026", failed.TextBody);
        Assert.Contains("http://localhost/account/billing", failed.TextBody);

        Assert.Equal(0, (await app.AdvanceAsync(TimeSpan.FromHours(23))).Retries);
        Assert.Equal(1, (await app.AdvanceAsync(TimeSpan.FromHours(1))).Retries);       // day 1
        Assert.Equal(2, app.Subjects(reader).Count("We could not take"));
        Assert.Equal(0, (await app.AdvanceAsync(TimeSpan.FromDays(1))).Retries);        // day 2: nothing due
        Assert.Equal(1, (await app.AdvanceAsync(TimeSpan.FromDays(1))).Retries);        // day 3
        Assert.Equal(3, app.Subjects(reader).Count("We could not take"));
        Assert.Equal(ReaderTier.Pro, await app.TierAsync(reader));
        Assert.Equal(1, (await app.AdvanceAsync(TimeSpan.FromDays(2))).Retries);        // day 5: the last one

        Assert.Equal(SubscriptionStatus.Canceled, (await app.SubscriptionAsync(reader)).Status);
        Assert.Equal(InvoiceStatus.Void, Assert.Single(await app.InvoicesAsync(reader)).Status);
        Assert.Equal(0, app.Gateway().SuccessfulCharges);
        Assert.Equal(ReaderTier.Free, await app.TierAsync(reader));
        var subjects = app.Subjects(reader);
        Assert.Equal(3, subjects.Count("We could not take"));
        Assert.Equal(1, subjects.Count("Your PRO Individual subscription has ended"));
        Assert.Equal(0, (await app.AdvanceAsync(TimeSpan.FromDays(30))).Total);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task A_subscription_renews_a_year_later_with_the_next_invoice_number(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var reader = await app.ReaderAsync();
        await app.StartTrialAsync(reader);
        await app.AdvanceAsync(TimeSpan.FromDays(7));

        var run = await app.AdvanceAsync(TimeSpan.FromDays(365));
        Assert.Equal(1, run.Charges);

        var invoices = await app.InvoicesAsync(reader);
        Assert.Equal(["LL-000001", "LL-000002"], invoices.Select(i => i.Number));
        Assert.All(invoices, i => Assert.Equal(InvoiceStatus.Paid, i.Status));
        Assert.Equal(invoices[0].PeriodEnd, invoices[1].PeriodStart);
        Assert.Equal(new DateTime(2028, 11, 27, 9, 0, 0, DateTimeKind.Utc), (await app.SubscriptionAsync(reader)).CurrentPeriodEnd);
        Assert.Equal(2, app.Gateway().SuccessfulCharges);
        Assert.Equal(1, app.Subjects(reader).Count("Receipt LL-000002"));
        Assert.Equal(ReaderTier.Pro, await app.TierAsync(reader));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task Cancel_then_reactivate_keeps_access_without_a_gap_and_the_subscription_renews(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var reader = await app.ReaderAsync();
        await app.StartTrialAsync(reader);
        await app.AdvanceAsync(TimeSpan.FromDays(7));
        await app.AdvanceAsync(TimeSpan.FromDays(100));

        await app.BillingAsync(b => b.CancelAsync(reader.Id, Ct));
        Assert.Equal(ReaderTier.Pro, await app.TierAsync(reader));
        var back = await app.BillingAsync(b => b.ReactivateAsync(reader.Id, Ct));
        Assert.False(back.CancelAtPeriodEnd);
        Assert.Equal(new DateTime(2027, 11, 27, 9, 0, 0, DateTimeKind.Utc), back.NextChargeAt);
        Assert.Equal(ReaderTier.Pro, await app.TierAsync(reader));

        await app.AdvanceAsync(TimeSpan.FromDays(265));
        Assert.Equal(["LL-000001", "LL-000002"], (await app.InvoicesAsync(reader)).Select(i => i.Number));
        Assert.Equal(SubscriptionStatus.Active, (await app.SubscriptionAsync(reader)).Status);
        Assert.Equal(ReaderTier.Pro, await app.TierAsync(reader));
        var subjects = app.Subjects(reader);
        Assert.Equal(1, subjects.Count("Your PRO Individual subscription is canceled"));
        Assert.Equal(0, subjects.Count("Your PRO Individual subscription has ended"));
        Assert.Equal(2, subjects.Count("Receipt LL-"));
        Assert.Contains("reactivated", await app.HistoryAsync(reader));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task Reactivating_an_expired_subscription_is_refused_and_changes_nothing(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var reader = await app.ReaderAsync();
        await app.StartTrialAsync(reader);
        await app.BillingAsync(b => b.CancelAsync(reader.Id, Ct));
        await app.AdvanceAsync(TimeSpan.FromDays(8));
        var before = await app.SubscriptionAsync(reader);
        Assert.Equal(SubscriptionStatus.Expired, before.Status);

        var e = await Assert.ThrowsAsync<BillingException>(() => app.BillingAsync(b => b.ReactivateAsync(reader.Id, Ct)));
        Assert.Equal("invalid_transition", e.Code);
        Assert.Contains("expired", e.Message);
        var after = await app.SubscriptionAsync(reader);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(SubscriptionStatus.Expired, after.Status);
        Assert.Equal(ReaderTier.Free, await app.TierAsync(reader));
        Assert.Equal(0, app.Subjects(reader).Count("Receipt"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task A_trial_grants_pro_and_can_be_canceled_and_reactivated_with_emails_and_history(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var reader = await app.ReaderAsync();
        Assert.Equal(ReaderTier.Free, await app.TierAsync(reader));
        var started = await app.StartTrialAsync(reader);
        Assert.Equal(new DateTime(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc), started.NextChargeAt);
        Assert.Equal(new Money(30_000, "USD"), started.NextChargeAmount);
        Assert.Equal(ReaderTier.Pro, await app.TierAsync(reader));

        var canceled = await app.BillingAsync(b => b.CancelAsync(reader.Id, Ct));
        Assert.True(canceled.CanReactivate);
        Assert.Equal(ReaderTier.Pro, await app.TierAsync(reader));
        var again = await Assert.ThrowsAsync<BillingException>(() => app.BillingAsync(b => b.CancelAsync(reader.Id, Ct)));
        Assert.Equal("invalid_transition", again.Code);
        await app.BillingAsync(b => b.ReactivateAsync(reader.Id, Ct));

        var account = await app.BillingAsync(b => b.AccountAsync(reader.Id, Ct));
        Assert.True(account.IsTestMode);
        Assert.Equal(("Visa", "4242"), (account.Card!.Brand, account.Card.Last4));
        Assert.False(account.Subscription!.CancelAtPeriodEnd);
        Assert.Empty(account.Invoices);
        Assert.Equal(ReaderTier.Pro, await app.TierAsync(reader));
        Assert.Equal(0, app.Gateway().SuccessfulCharges);
        var subjects = app.Subjects(reader);
        Assert.Equal(1, subjects.Count("Your PRO Individual trial has started"));
        Assert.Equal(1, subjects.Count("Your PRO Individual subscription is canceled"));
        var history = await app.HistoryAsync(reader);
        Assert.Equal(["trial started", "email sent: trial-started", "canceled at period end", "email sent: subscription-canceled", "reactivated"], history);
    }
}
