using System.Net;
using Masthead.Billing.Gateway;
using Masthead.Billing.Invoices;
using Masthead.Billing.Subscriptions;
using Masthead.Membership;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Billing.Pages;

/// <summary>A reader who already had their trial is refused a second one, clearly, and offered the paid
/// path instead: charged for the first year at once, with an invoice and a receipt.</summary>
public sealed class SubscribeWithoutTrialTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A reader whose trial came and went (as the clock would leave it): free again, trial used.</summary>
    private static async Task<(Reader Reader, int Price)> ReturningReaderAsync(TestApp app)
    {
        var reader = await app.ReaderAsync();
        var price = await app.PriceIdAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await reader.CheckoutAsync(price)).StatusCode);
        await app.WithDbAsync(async d =>
        {
            var s = await d.BillingSubscriptions.SingleAsync(x => x.UserId == reader.User.Id, Ct);
            (s.Status, s.EndedAt) = (SubscriptionStatus.Expired, app.Time.GetUtcNow().UtcDateTime);
            await d.SaveChangesAsync(Ct);
        });
        return (reader, price);
    }

    private static Task<HttpResponseMessage> SubscribeAsync(Reader reader, int price, string number = TestCards.Succeeds)
    {
        var fields = BillingPagesSupport.Card(price, number, returnPath: null);
        fields["mode"] = "subscribe";
        return reader.Client.PostOwnFormAsync("/billing/checkout", fields, $"/billing/checkout?price={price}&mode=subscribe");
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task A_returning_member_is_offered_the_paid_path_is_charged_at_once_gets_a_receipt_and_has_PRO(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var (reader, price) = await ReturningReaderAsync(app);
        Assert.Equal(ReaderTier.Free, await app.TierAsync(reader.User));

        var pricing = WebUtility.HtmlDecode(await reader.Client.HtmlAsync("/pricing"));
        // The pricing page states the fact; the refusal (and its "Nothing has been charged") is for an actual attempt.
        Assert.Contains(TrialKeys.UsedNotice, pricing);
        Assert.DoesNotContain("Nothing has been charged", pricing);
        Assert.DoesNotContain("Start with 1-week free trial", pricing);
        Assert.Contains($"href=\"/billing/checkout?price={price}&mode=subscribe\"", pricing);
        Assert.Contains("Subscribe for $300.00 a year", pricing);

        var refusal = WebUtility.HtmlDecode(await reader.Client.HtmlAsync($"/billing/checkout?price={price}"));
        Assert.Contains(TrialKeys.UsedMessage, refusal);
        Assert.Contains("Subscribe for $300.00", refusal);

        var form = WebUtility.HtmlDecode(await reader.Client.HtmlAsync($"/billing/checkout?price={price}&mode=subscribe"));
        Assert.Contains("charged $300.00 today", form);
        Assert.Contains("Pay $300.00 and subscribe", form);

        var response = await SubscribeAsync(reader, price);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/billing", response.Headers.Location!.OriginalString);
        await app.DeliverQueuedAsync();

        var s = await app.SubscriptionAsync(reader.User);
        Assert.Equal(SubscriptionStatus.Active, s.Status);
        Assert.Null(s.TrialEnd);
        Assert.Equal(app.Time.GetUtcNow().UtcDateTime.AddYears(1), s.CurrentPeriodEnd);
        var invoice = Assert.Single(await app.InvoicesAsync(reader.User));
        Assert.Equal((InvoiceStatus.Paid, 30_000L, s.Id), (invoice.Status, invoice.AmountPaidMinor, invoice.SubscriptionId));
        Assert.Equal(1, app.Gateway().SuccessfulCharges);
        var receipt = Mailbox.To(app.MailDirectory, reader.User.Email!).Single(m => m.Subject == $"Receipt {invoice.Number}");
        Assert.Contains("Total paid: $300.00", receipt.TextBody);
        Assert.Equal(ReaderTier.Pro, await app.TierAsync(reader.User));
        var account = WebUtility.HtmlDecode(await reader.Client.HtmlAsync("/account/billing"));
        Assert.Contains("We have charged $300.00", account);
        Assert.DoesNotContain("manage-billing", account); // test mode: no Stripe portal
        Assert.Contains("/account/billing/payment-method", account);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task A_second_trial_is_still_refused_and_a_declined_paid_start_grants_nothing(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var (reader, price) = await ReturningReaderAsync(app);

        // The trial form posted anyway (a stale page): refused with the message, the paid path offered, nothing made.
        var token = BillingPagesSupport.PostForms(await reader.Client.HtmlAsync($"/billing/checkout?price={price}&mode=subscribe"), "/billing/checkout")
            .Single(f => f.Action == "/billing/checkout").Token!;
        var fields = BillingPagesSupport.Card(price);
        fields["__RequestVerificationToken"] = token;
        var trial = WebUtility.HtmlDecode(await (await reader.Client.PostAsync("/billing/checkout", new FormUrlEncodedContent(fields), Ct)).Content.ReadAsStringAsync(Ct));
        Assert.Contains(TrialKeys.UsedMessage, trial);
        Assert.Contains("mode=subscribe", trial);

        // The paid path with a card that attaches but is declined on charge: nothing charged or granted.
        var declined = await SubscribeAsync(reader, price, TestCards.ChargeFails);
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Contains("Your card was declined.", WebUtility.HtmlDecode(await declined.Content.ReadAsStringAsync(Ct)));

        Assert.Equal(1, await app.SubscriptionCountAsync(reader.User));
        Assert.Empty(await app.InvoicesAsync(reader.User));
        Assert.Equal(0, app.Gateway().SuccessfulCharges);
        Assert.Equal(ReaderTier.Free, await app.TierAsync(reader.User));
        await app.DeliverQueuedAsync();
        Assert.DoesNotContain(Mailbox.To(app.MailDirectory, reader.User.Email!), m => m.Subject!.StartsWith("Receipt", StringComparison.Ordinal));
    }
}
