using Masthead.Billing;
using Masthead.Billing.Demo;
using Masthead.Billing.Gateway;
using Masthead.Billing.Invoices;
using Masthead.Billing.Subscriptions;
using Masthead.Data;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Billing;

/// <summary>The test-mode gateway keeps its payment methods, charges and refunds in the database: a gateway that has
/// never seen the card or the charge (the app restarted) charges and refunds exactly as the one that made them would have.</summary>
public sealed class TestGatewayRestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Converts the trial with a brand-new gateway instance, as the first charge after a restart would.</summary>
    private static async Task<TestPaymentGateway> ConvertWithFreshGatewayAsync(TestApp app, long subscriptionId)
    {
        var fresh = new TestPaymentGateway(app.Time, app.Services.GetRequiredService<IServiceScopeFactory>());
        await using var scope = app.Services.CreateAsyncScope();
        var engine = ActivatorUtilities.CreateInstance<BillingEngine>(scope.ServiceProvider, (IPaymentGateway)fresh);
        Assert.True(await engine.ChargeNextPeriodAsync(subscriptionId, Ct));
        await app.DeliverQueuedAsync();
        return fresh;
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task A_4242_trial_converts_after_a_restart_with_a_gateway_that_never_saw_the_card(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var reader = await app.ReaderAsync();
        var started = await app.StartTrialAsync(reader);

        var stored = await app.WithDbAsync(d => d.Set<TestPaymentMethod>().AsNoTracking().SingleAsync(Ct));
        Assert.Equal(("Visa", "4242", TestCards.ChargeSucceeds), (stored.Brand, stored.Last4, stored.Behaviour));
        Assert.DoesNotContain(TestCards.Succeeds, string.Join("|", stored.Id, stored.CustomerId, stored.Fingerprint, stored.Behaviour));

        app.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var fresh = await ConvertWithFreshGatewayAsync(app, started.Id);
        Assert.Equal(1, fresh.SuccessfulCharges);
        Assert.Equal(0, app.Gateway().SuccessfulCharges);

        var s = await app.SubscriptionAsync(reader);
        Assert.Equal(SubscriptionStatus.Active, s.Status);
        var invoice = Assert.Single(await app.InvoicesAsync(reader));
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(1, app.Subjects(reader).Count("Receipt "));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task A_0341_trial_still_fails_on_charge_after_a_restart_and_goes_past_due(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var reader = await app.ReaderAsync();
        var started = await app.StartTrialAsync(reader, TestCards.ChargeFails);

        app.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await ConvertWithFreshGatewayAsync(app, started.Id)).SuccessfulCharges);

        var s = await app.SubscriptionAsync(reader);
        Assert.Equal(SubscriptionStatus.PastDue, s.Status);
        var detail = await app.WithDbAsync(d => d.BillingEvents.Where(e => e.UserId == reader.Id && e.Type == "past due")
            .Select(e => e.Detail).SingleAsync(Ct));
        // Declined as the card says, not "no card on file" (what an in-memory gateway said after a restart).
        Assert.EndsWith("card_declined", detail);
        Assert.Equal(1, app.Subjects(reader).Count("We could not take your PRO Individual payment"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task The_demo_members_cards_are_charged_as_their_stories_say_by_a_gateway_that_never_attached_them(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoMembers>().ApplyAsync(isDevelopment: true, Ct);
        }
        async Task<string> IdOf(string email) => await app.WithDbAsync(d => d.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct));
        var trialId = await IdOf(DemoMembers.Trial.Email);
        var lateId = await IdOf(DemoMembers.PastDue.Email);

        // The demo trial converts on its 4242 card: the app's gateway knows the card only from the database.
        await app.AdvanceAsync(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        var trial = await app.WithDbAsync(d => d.BillingSubscriptions.AsNoTracking().SingleAsync(x => x.UserId == trialId, Ct));
        Assert.Equal(SubscriptionStatus.Active, trial.Status);
        Assert.Contains(await app.WithDbAsync(d => d.BillingInvoices.Where(i => i.UserId == trialId).Select(i => i.Status).ToListAsync(Ct)),
            st => st == InvoiceStatus.Paid);

        // The past-due member's 0341 card is declined as a card, not as "no card on file".
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var lateSub = await app.WithDbAsync(d => d.BillingSubscriptions.Where(x => x.UserId == lateId).Select(x => x.Id).SingleAsync(Ct));
            await scope.ServiceProvider.GetRequiredService<BillingEngine>().RetryAsync(lateSub, evenIfNotDue: true, Ct);
        }
        var last = await app.WithDbAsync(d => d.BillingEvents.Where(e => e.UserId == lateId).OrderByDescending(e => e.Id)
            .Where(e => !e.Type.StartsWith("email")).Select(e => e.Detail).FirstAsync(Ct));
        Assert.EndsWith("card_declined", last);
    }

    /// <summary>A refund straight through the app's gateway in a scope of its own, then saved as a caller would:
    /// the result, and whether the refusal left anything for the save to write.</summary>
    private static async Task<(RefundResult Result, bool Pending)> GatewayRefundAsync(TestApp app, string chargeId, long minor, string key)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IPaymentGateway>().RefundAsync(chargeId, new Money(minor, "USD"), key, Ct);
        var context = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        var pending = context.ChangeTracker.HasChanges();
        await context.SaveChangesAsync(Ct);
        return (result, pending);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task After_a_restart_the_gateway_still_refuses_refunding_more_than_is_left_or_an_unknown_charge_and_changes_nothing(Db db)
    {
        await using var first = await BillingTestSupport.StartBillingAppAsync(db);
        var reader = await first.ReaderAsync();
        var price = await first.PriceIdAsync();
        await first.BillingAsync(b => b.SubscribeAsync(reader.Id, price, first.CardToken(), Ct));
        var invoice = Assert.Single(await first.InvoicesAsync(reader));
        var charge = await first.WithDbAsync(d => d.Set<TestCharge>().AsNoTracking().SingleAsync(c => c.Id == invoice.GatewayChargeId, Ct));
        Assert.Equal((30_000L, "USD", 0L), (charge.AmountMinor, charge.Currency, charge.AmountRefundedMinor));
        await first.ScopedAsync<Refunds, RefundOutcome>(r => r.RefundAsync(invoice.Id, new Money(10_000, "USD"), "admin-1", Ct));
        Assert.False((await GatewayRefundAsync(first, charge.Id, 20_001, "before-restart")).Result.Succeeded);

        // A second app on the same database: its gateway has never seen the charge or the refund.
        var connection = await first.WithDbAsync(d => Task.FromResult(d.Database.GetConnectionString()!));
        await using var second = await BillingTestSupport.StartBillingAppAsync(db, new() { ["Database:ConnectionString"] = connection });
        Assert.NotSame(first.Gateway(), second.Gateway());
        Assert.Equal(0, second.Gateway().SuccessfulCharges);

        var over = await GatewayRefundAsync(second, charge.Id, 20_001, "after-restart");
        Assert.False(over.Result.Succeeded);
        Assert.Contains("more than what is left of the charge ($200.00)", over.Result.Message);
        Assert.False(over.Pending);
        var unknown = await GatewayRefundAsync(second, "ch_test_neverseen", 100, "after-restart-unknown");
        Assert.False(unknown.Result.Succeeded);
        Assert.Contains("no charge ch_test_neverseen", unknown.Result.Message);
        Assert.False(unknown.Pending);
        var kept = await second.WithDbAsync(d => d.Set<TestCharge>().AsNoTracking().SingleAsync(c => c.Id == charge.Id, Ct));
        Assert.Equal(10_000, kept.AmountRefundedMinor);
        Assert.Equal(1, await second.WithDbAsync(d => d.Set<TestRefund>().CountAsync(Ct)));

        // What is left refunds once, through the restarted app's admin refund; then nothing more can be.
        var rest = await second.ScopedAsync<Refunds, RefundOutcome>(r => r.RefundAsync(invoice.Id, new Money(20_000, "USD"), "admin-1", Ct));
        Assert.Equal((InvoiceStatus.Refunded, 30_000L), (rest.Status, rest.TotalRefunded.Minor));
        var more = await GatewayRefundAsync(second, charge.Id, 1, "after-restart-one-cent");
        Assert.Contains("more than what is left of the charge ($0.00)", more.Result.Message);
        Assert.Equal(30_000, await second.WithDbAsync(d => d.Set<TestCharge>().Where(c => c.Id == charge.Id).Select(c => c.AmountRefundedMinor).SingleAsync(Ct)));
        Assert.Equal(2, await second.WithDbAsync(d => d.Set<TestRefund>().CountAsync(Ct)));
    }
}
