using System.Text.RegularExpressions;
using Masthead.Billing;
using Masthead.Billing.Emails;
using Masthead.Billing.Gateway;
using Masthead.Billing.Invoices;
using Masthead.Tests.Support;

namespace Masthead.Tests.Billing;

/// <summary>The billing emails as a recipient gets them from the pickup folder: trial started, reminder,
/// receipt, dunning, ended, canceled trial and refund. Links absolute on the configured site, a plain-text
/// part without markup, amounts and dates right, and a test-mode note while the test gateway runs.</summary>
public sealed partial class BillingEmailsReadingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();

    [Theory, ClassData(typeof(Databases))]
    public async Task Every_billing_email_reads_right_in_text_and_html_with_absolute_links_and_the_test_mode_note(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db, new() { ["Site:BaseUrl"] = "https://ledger.example.org" });
        var paying = await app.ReaderAsync("paying@example.test");
        var failing = await app.ReaderAsync("failing@example.test");
        var leaving = await app.ReaderAsync("leaving@example.test");
        await app.StartTrialAsync(paying);
        await app.StartTrialAsync(failing, TestCards.ChargeFails);
        await app.StartTrialAsync(leaving, "5555555555554444");
        await app.BillingAsync(s => s.CancelAsync(leaving.Id, Ct));
        await app.AdvanceAsync(TimeSpan.FromDays(4) + TimeSpan.FromMinutes(1));   // reminders
        await app.AdvanceAsync(TimeSpan.FromDays(3));                             // conversion: receipt, first failure, trial ends
        for (var i = 0; i < 3; i++) await app.AdvanceAsync(TimeSpan.FromDays(2)); // retries on day 1, 3, 5: the last ends it
        var invoice = (await app.InvoicesAsync(paying)).Single();
        await app.ScopedAsync<Refunds, RefundOutcome>(r => r.RefundAsync(invoice.Id, new Money(30_000, "USD"), "admin", Ct));

        var all = Mailbox.All(app.MailDirectory);
        Assert.Equal(13, all.Count);
        foreach (var m in all)
        {
            Assert.DoesNotMatch("<[a-z/]", m.TextBody);                    // a readable text part, not leaked markup
            Assert.Contains(BillingEmails.TestModeNote, m.TextBody);
            Assert.Contains(BillingEmails.TestModeNote, m.HtmlBody);
            Assert.All(Href().Matches(m.HtmlBody), h => Assert.StartsWith("https://ledger.example.org", h.Groups[1].Value));
            Assert.DoesNotContain("localhost", m.TextBody);
        }

        string Text(string to, string subjectStart) =>
            Mailbox.To(app.MailDirectory, to).Single(m => m.Subject!.StartsWith(subjectStart, StringComparison.Ordinal)).TextBody;

        var started = Text("paying@example.test", "Your PRO Individual trial has started");
        Assert.Contains("charged $300.00 for the first year on 27 November 2026", started);
        Assert.Contains("$300.00 to the card on file", Text("paying@example.test", "Your PRO Individual trial ends on 27 November 2026"));

        var receipt = Text("paying@example.test", "Receipt LL-000001");
        Assert.Contains("PRO Individual, annual (27 November 2026 to 27 November 2027): $300.00", receipt);
        Assert.Contains("Total paid: $300.00", receipt);
        Assert.Contains("https://ledger.example.org/account/billing/invoices/LL-000001", receipt);

        var failed = Mailbox.To(app.MailDirectory, "failing@example.test").Where(m => m.Subject == "We could not take your PRO Individual payment").ToList();
        Assert.Equal(3, failed.Count); // the first failure and two retries; the third retry ends it
        Assert.All(failed, m => Assert.Contains("did not go through. Your card was declined.", m.TextBody));
        Assert.All(failed, m => Assert.Contains("https://ledger.example.org/account/billing/payment-method", m.TextBody));
        Assert.Contains("has been voided: you owe nothing", Text("failing@example.test", "Your PRO Individual subscription has ended"));

        var canceled = Text("leaving@example.test", "Your PRO Individual subscription is canceled");
        Assert.Contains("trial will not turn into a paid subscription", canceled);
        Assert.DoesNotContain("charged again", canceled);
        Assert.Contains("Nothing was charged.", Text("leaving@example.test", "Your PRO Individual subscription has ended"));

        var refund = Text("paying@example.test", "Refund for invoice LL-000001");
        Assert.Contains("We have refunded $300.00 of invoice LL-000001", refund);
        Assert.Contains("your PRO access has ended", refund);
    }
}
