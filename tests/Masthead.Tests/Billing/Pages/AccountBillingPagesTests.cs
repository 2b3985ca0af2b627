using System.Net;
using Masthead.Billing.Invoices;
using Masthead.Billing.Subscriptions;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Billing.Pages;

/// <summary>The member's billing pages: cancel keeps access, reactivate, card update, owner-only invoices,
/// and every action is a token-protected POST behind sign-in.</summary>
public sealed class AccountBillingPagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(TestApp App, Reader Reader)> TrialingAsync(Db db)
    {
        var app = await BillingTestSupport.StartBillingAppAsync(db);
        await app.ProArticleAsync();
        var reader = await app.ReaderAsync();
        var paid = await reader.CheckoutAsync(await app.PriceIdAsync());
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        return (app, reader);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task CancelingAfterTheConfirmStepKeepsAccessAndShowsCancelsOnThenReactivateResumes(Db db)
    {
        var (app, reader) = await TrialingAsync(db);
        await using var _ = app;

        var confirm = await reader.Client.HtmlAsync("/account/billing/cancel");
        Assert.Contains("You keep PRO Individual access until <strong>27 November 2026</strong>", confirm);
        Assert.False((await app.SubscriptionAsync(reader.User)).CancelAtPeriodEnd); // the GET changed nothing

        var canceled = await reader.Client.PostOwnFormAsync("/account/billing/cancel", []);
        Assert.Equal("/account/billing", canceled.Headers.Location!.OriginalString);
        var account = await reader.Client.HtmlAsync("/account/billing");
        Assert.Contains("Canceled. You keep PRO access until 27 November 2026", account);
        Assert.DoesNotContain("cancels on", account);
        Assert.Contains("Reactivate membership", account);
        Assert.DoesNotContain("Next charge", account);
        Assert.Contains(BillingPagesSupport.ProBody[..20], await reader.Client.HtmlAsync(BillingPagesSupport.ArticlePath));
        Assert.True((await app.SubscriptionAsync(reader.User)).CancelAtPeriodEnd);

        var reactivated = await reader.Client.PostOwnFormAsync("/account/billing?handler=Reactivate", [], "/account/billing");
        Assert.Equal(HttpStatusCode.Redirect, reactivated.StatusCode);
        account = await reader.Client.HtmlAsync("/account/billing");
        Assert.Contains("membership continues", account);
        Assert.DoesNotContain("Canceled. You keep PRO access", account);
        Assert.Contains("$300.00 on 27 November 2026", account);
        Assert.False((await app.SubscriptionAsync(reader.User)).CancelAtPeriodEnd);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task APastDueMemberIsAskedToUpdateTheirCardAndStillReads(Db db)
    {
        var (app, reader) = await TrialingAsync(db);
        await using var _ = app;
        // As the clock leaves it when the charge at conversion fails (clock-driven tests are paused, see COMMON.md).
        await app.WithDbAsync(async d =>
        {
            var s = await d.BillingSubscriptions.SingleAsync(x => x.UserId == reader.User.Id, Ct);
            s.Status = SubscriptionStatus.PastDue;
            s.NextRetryAt = s.CurrentPeriodEnd.AddDays(1);
            await d.SaveChangesAsync(Ct);
        });

        var account = await reader.Client.HtmlAsync("/account/billing");
        Assert.Contains("Past due: your last payment failed.", account);
        Assert.Contains("<a href=\"/account/billing/payment-method\">Update your card</a>", account);
        Assert.Contains("we will try again on 28 November 2026", account);
        Assert.Contains(BillingPagesSupport.ProBody[..20], await reader.Client.HtmlAsync(BillingPagesSupport.ArticlePath));
        Assert.Contains("ends your PRO Individual membership now", await reader.Client.HtmlAsync("/account/billing/cancel"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task UpdatingTheCardUsesTheSameFormAndADeclineChangesNothing(Db db)
    {
        var (app, reader) = await TrialingAsync(db);
        await using var _ = app;

        var declined = await reader.Client.PostOwnFormAsync("/account/billing/payment-method",
            new() { ["Number"] = "4000 0000 0000 0002", ["Expiry"] = "11/31", ["Cvc"] = "321", ["Name"] = "R H" });
        Assert.Contains("Your card was declined.", await declined.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Visa ending 4242", await reader.Client.HtmlAsync("/account/billing"));

        var updated = await reader.Client.PostOwnFormAsync("/account/billing/payment-method",
            new() { ["Number"] = "5555 5555 5555 4444", ["Expiry"] = "11/31", ["Cvc"] = "321", ["Name"] = "R H" });
        Assert.Equal(HttpStatusCode.Redirect, updated.StatusCode);
        var account = await reader.Client.HtmlAsync("/account/billing");
        Assert.Contains("Mastercard ending 4444, expires 11/31", account);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AnInvoiceIsShownToItsOwnerAndIsNotFoundForAnyoneElse(Db db)
    {
        var (app, reader) = await TrialingAsync(db);
        await using var _ = app;
        var s = await app.SubscriptionAsync(reader.User);
        await app.WithDbAsync(async d =>
        {
            // As the clock would write it at conversion (clock-driven tests are paused, see COMMON.md).
            d.BillingInvoices.Add(new Invoice
            {
                Number = "LL-000001", Sequence = 1, UserId = reader.User.Id, SubscriptionId = s.Id, Status = InvoiceStatus.Paid,
                Currency = "USD", SubtotalMinor = 30000, TotalMinor = 30000, AmountPaidMinor = 30000,
                PeriodStart = s.CurrentPeriodEnd, PeriodEnd = s.CurrentPeriodEnd.AddYears(1), CreatedAt = s.CurrentPeriodEnd, PaidAt = s.CurrentPeriodEnd,
                Lines = [new InvoiceLine { Description = "PRO Individual, annual", UnitAmountMinor = 30000, AmountMinor = 30000 }],
            });
            await d.SaveChangesAsync(Ct);
        });

        var list = await reader.Client.HtmlAsync("/account/billing");
        Assert.Contains("href=\"/account/billing/invoices/LL-000001\">LL-000001</a>", list);
        Assert.Contains("$300.00", list);
        var invoice = await reader.Client.HtmlAsync("/account/billing/invoices/LL-000001");
        Assert.Contains("<h1>Invoice LL-000001</h1>", invoice);
        Assert.Contains("PRO Individual, annual", invoice);

        var other = await app.ReaderAsync();
        await other.Client.HtmlAsync("/account/billing/invoices/LL-000001", HttpStatusCode.NotFound);
        await other.Client.HtmlAsync("/account/billing/invoices/LL-999999", HttpStatusCode.NotFound);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task BillingPagesRequireSignInAndEveryPostNeedsAToken(Db db)
    {
        var (app, reader) = await TrialingAsync(db);
        await using var _ = app;
        var anonymous = app.CreateBrowserClient();
        foreach (var path in (string[])["/account/billing", "/account/billing/cancel", "/account/billing/payment-method",
                     "/account/billing/invoices/LL-000001", "/billing/checkout?price=1"])
        {
            var response = await anonymous.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/signin", response.Headers.Location!.OriginalString);
        }

        // Every POST form on the billing pages carries its own token (the cancel page while still cancelable).
        var price = await app.PriceIdAsync();
        var forms = new List<(string, string?)>();
        foreach (var page in (string[])["/account/billing/cancel", "/account/billing/payment-method"]) forms.AddRange(BillingPagesSupport.PostForms(await reader.Client.HtmlAsync(page), page));
        var fresh = await app.ReaderAsync();
        forms.AddRange(BillingPagesSupport.PostForms(await fresh.Client.HtmlAsync($"/billing/checkout?price={price}"), "/billing/checkout"));
        Assert.Contains(forms, f => f.Item1 == "/billing/checkout");
        Assert.Contains(forms, f => f.Item1 == "/account/billing/cancel");
        Assert.Contains(forms, f => f.Item1 == "/account/billing/payment-method");
        Assert.All(forms, f => Assert.NotNull(f.Item2));

        foreach (var path in (string[])["/billing/checkout", "/account/billing?handler=Reactivate", "/account/billing/cancel", "/account/billing/payment-method"])
        {
            var forged = await reader.Client.PostFormWithoutTokenAsync(path, BillingPagesSupport.Card(await app.PriceIdAsync()));
            Assert.True(forged.StatusCode == HttpStatusCode.BadRequest, $"POST {path} without a token answered {(int)forged.StatusCode}");
        }
        Assert.False((await app.SubscriptionAsync(reader.User)).CancelAtPeriodEnd);
        Assert.Equal(1, await app.SubscriptionCountAsync(reader.User));
    }
}
