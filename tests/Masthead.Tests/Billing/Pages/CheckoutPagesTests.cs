using System.Net;
using Masthead.Billing;
using Masthead.Billing.Gateway;
using Masthead.Billing.Plans;
using Masthead.Billing.Subscriptions;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Billing.Pages;

/// <summary>The pricing page and the test-mode checkout, through HTTP on both providers.</summary>
public sealed class CheckoutPagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(Databases))]
    public async Task PricingShowsThePriceFromTheCatalogAndOneTrialAction(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        await app.ScopedAsync<PlanCatalog, PriceOffer>(c => c.ChangePriceAsync(PlanSlugs.Pro, BillingInterval.Year, Money.Parse("360", "USD"), Ct));

        var html = await app.CreateBrowserClient().HtmlAsync("/pricing");

        Assert.Contains("$30.00/month, billed annually $360", html);
        Assert.DoesNotContain("$25.00/month, billed annually $300", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "Start with 1-week free trial"));
        Assert.Contains("TEST MODE", html);
        foreach (var item in (string[])["Memos", "Trend reports", "Live video Q&amp;A", "Special events", "Industry newsletters"]) Assert.Contains(item, html);
        Assert.Contains("Talk to us about PRO Team", html);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ASignedOutReaderStartingTheTrialIsSentToSignInAndBackToCheckoutWithTheirArticle(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var price = await app.PriceIdAsync();
        var anonymous = app.CreateBrowserClient();

        var pricing = await anonymous.HtmlAsync("/pricing?return=/articles/gas-field-memo");
        var checkout = $"/billing/checkout?price={price}&amp;return=%2Farticles%2Fgas-field-memo";
        Assert.Contains($"href=\"{checkout}\"", pricing);

        var start = await anonymous.GetAsync(WebUtility.HtmlDecode(checkout), Ct);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var location = start.Headers.Location!.OriginalString;
        Assert.Contains("/account/signin?ReturnUrl=", location);
        Assert.Contains(Uri.EscapeDataString($"/billing/checkout?price={price}&return=%2Farticles%2Fgas-field-memo"), location);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AReturnPathOffThisSiteIsDropped(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var price = await app.PriceIdAsync();
        var html = await app.CreateBrowserClient().HtmlAsync("/pricing?return=//evil.example/phish");
        Assert.Contains($"href=\"/billing/checkout?price={price}\"", html);
        Assert.DoesNotContain("evil.example", html);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task CheckoutWith4242StartsTheTrialAndLandsOnTheFullArticle(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        await app.ProArticleAsync();
        var price = await app.PriceIdAsync();
        var reader = await app.ReaderAsync();
        Assert.DoesNotContain("PRO-MEMO-BODY-MARKER", await reader.Client.HtmlAsync(BillingPagesSupport.ArticlePath));

        var form = await reader.Client.HtmlAsync($"/billing/checkout?price={price}&return=%2Farticles%2Fgas-field-memo");
        Assert.Contains("TEST MODE", form);
        Assert.Contains("<label for=\"card-number\">", form);
        Assert.Contains("$25.00/month, billed annually $300", form);

        var paid = await reader.CheckoutAsync(price);
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        Assert.Equal(BillingPagesSupport.ArticlePath, paid.Headers.Location!.OriginalString);
        Assert.Contains("PRO-MEMO-BODY-MARKER", await reader.Client.HtmlAsync(BillingPagesSupport.ArticlePath));
        var s = await app.SubscriptionAsync(reader.User);
        Assert.Equal(SubscriptionStatus.Trialing, s.Status);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task WithoutAReturnPathCheckoutLandsOnTheAccountPageWithAConfirmation(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var price = await app.PriceIdAsync();
        var reader = await app.ReaderAsync();
        var paid = await reader.Client.PostOwnFormAsync("/billing/checkout", BillingPagesSupport.Card(price, returnPath: null), $"/billing/checkout?price={price}");
        Assert.Equal("/account/billing", paid.Headers.Location!.OriginalString);
        var account = await reader.Client.HtmlAsync("/account/billing");
        Assert.Contains("Welcome to PRO Individual", account);
        Assert.Contains("trialing until 27 November 2026", account);
        Assert.Contains("$300.00 on 27 November 2026", account);
        Assert.Contains("Visa ending 4242", account);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ADeclinedCardShowsTheMessageByTheFieldAndGrantsNothing(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        await app.ProArticleAsync();
        var price = await app.PriceIdAsync();
        var reader = await app.ReaderAsync();

        foreach (var (card, message) in new[] { (TestCards.Declined, "Your card was declined."), (TestCards.Expired, "Your card has expired."), (TestCards.IncorrectCvc, "security code is incorrect") })
        {
            var response = await reader.CheckoutAsync(price, card);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync(Ct);
            Assert.Contains("There is a problem", html);
            Assert.Contains(message, html);
            Assert.Contains("aria-invalid=\"true\"", html);
            Assert.DoesNotContain(card[^4..] + "\"", html); // the number is never echoed back
        }
        Assert.Equal(0, await app.SubscriptionCountAsync(reader.User));
        Assert.DoesNotContain("PRO-MEMO-BODY-MARKER", await reader.Client.HtmlAsync(BillingPagesSupport.ArticlePath));
        Assert.Equal(0, app.Gateway().SuccessfulCharges);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task FieldErrorsAreShownInlineAndLinkedFromTheSummary(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var price = await app.PriceIdAsync();
        var reader = await app.ReaderAsync();

        var badExpiry = await (await reader.CheckoutAsync(price, expiry: "13/99")).Content.ReadAsStringAsync(Ct);
        Assert.Contains("<a href=\"#card-expiry\">Enter the expiry date as MM/YY", badExpiry);
        Assert.Contains("aria-describedby=\"card-expiry-hint card-expiry-error\"", badExpiry);

        var unknown = await (await reader.CheckoutAsync(price, "4111 1111 1111 1111")).Content.ReadAsStringAsync(Ct);
        Assert.Contains("<a href=\"#card-number\">This is test mode: use a Stripe test card number", unknown);
        Assert.Equal(0, await app.SubscriptionCountAsync(reader.User));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ATamperedUnknownInactiveOrTeamPriceIsRefusedAndNothingIsGranted(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var price = await app.PriceIdAsync();
        var team = await app.PriceIdAsync(PlanSlugs.ProTeam);
        await app.ScopedAsync<PlanCatalog, PriceOffer>(c => c.ChangePriceAsync(PlanSlugs.Pro, BillingInterval.Year, Money.Parse("310", "USD"), Ct));
        var current = await app.PriceIdAsync();
        var reader = await app.ReaderAsync();

        foreach (var tampered in new[] { 999_999, -1, price, team })
        {
            // The form came from the page of the current price; the posted id was changed.
            var response = await reader.CheckoutAsync(current, postedPrice: tampered);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("That price is not offered. Nothing was charged.", await response.Content.ReadAsStringAsync(Ct));
        }
        Assert.Contains("That price is not offered", await reader.Client.HtmlAsync($"/billing/checkout?price={price}"));
        Assert.Equal(0, await app.SubscriptionCountAsync(reader.User));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AReplayedCheckoutPostSaysAlreadyAMemberAndCreatesNoSecondSubscription(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var price = await app.PriceIdAsync();
        var reader = await app.ReaderAsync();
        var token = BillingPagesSupport.PostForms(await reader.Client.HtmlAsync($"/billing/checkout?price={price}"), "/billing/checkout")
            .Single(f => f.Action == "/billing/checkout").Token!;
        var fields = BillingPagesSupport.Card(price);
        fields["__RequestVerificationToken"] = token;

        var first = await reader.Client.PostAsync("/billing/checkout", new FormUrlEncodedContent(fields), Ct);
        var replay = await reader.Client.PostAsync("/billing/checkout", new FormUrlEncodedContent(fields), Ct);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("You&#x27;re already a member", await replay.Content.ReadAsStringAsync(Ct));
        Assert.Equal(1, await app.SubscriptionCountAsync(reader.User));
        Assert.Contains("You&#x27;re already a member", await reader.Client.HtmlAsync($"/billing/checkout?price={price}"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ASecondTrialIsRefusedWithAClearMessageAndNoTrialButton(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var price = await app.PriceIdAsync();
        var reader = await app.ReaderAsync();
        // Kept from the first visit: a second attempt posts the form again even though the page no longer shows it.
        var token = BillingPagesSupport.PostForms(await reader.Client.HtmlAsync($"/billing/checkout?price={price}"), "/billing/checkout")
            .Single(f => f.Action == "/billing/checkout").Token!;
        Assert.Equal(HttpStatusCode.Redirect, (await reader.CheckoutAsync(price)).StatusCode);
        // The trial is over and gone (as the clock would leave it): the reader is free again, the trial used.
        await app.WithDbAsync(async d =>
        {
            var s = await d.BillingSubscriptions.SingleAsync(x => x.UserId == reader.User.Id, Ct);
            s.Status = SubscriptionStatus.Expired;
            await d.SaveChangesAsync(Ct);
        });

        var pricing = await reader.Client.HtmlAsync("/pricing");
        Assert.Contains(TrialKeys.UsedNotice, WebUtility.HtmlDecode(pricing));
        Assert.DoesNotContain("Nothing has been charged", WebUtility.HtmlDecode(pricing));
        Assert.DoesNotContain("Start with 1-week free trial", pricing);

        var page = await reader.Client.HtmlAsync($"/billing/checkout?price={price}");
        Assert.Contains(TrialKeys.UsedMessage, WebUtility.HtmlDecode(page));
        Assert.DoesNotContain("card-number", page);
        var fields = BillingPagesSupport.Card(price);
        fields["__RequestVerificationToken"] = token;
        var again = await reader.Client.PostAsync("/billing/checkout", new FormUrlEncodedContent(fields), Ct);
        Assert.Contains(TrialKeys.UsedMessage, WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync(Ct)));
        Assert.Equal(1, await app.SubscriptionCountAsync(reader.User));

        // Another account with the same card is refused too (one trial per card).
        var other = await app.ReaderAsync();
        var byCard = await other.CheckoutAsync(price);
        Assert.Equal(HttpStatusCode.OK, byCard.StatusCode);
        Assert.Contains(TrialKeys.UsedMessage, WebUtility.HtmlDecode(await byCard.Content.ReadAsStringAsync(Ct)));
        Assert.Equal(0, await app.SubscriptionCountAsync(other.User));
    }
}
