using Masthead.Content;
using Masthead.Tests.Support;
using Microsoft.Playwright;

namespace Masthead.BrowserTests;

public sealed class MembershipJourneyTests
{
    private const string Marker = "Our sources put the field's output at 38 million cubic metres a day.";

    [Fact]
    public async Task ReaderStartsATrialFromAProArticlePaysWith4242ReadsItThenCancelsAndStillReadsIt()
    {
        await using var browser = await BrowserSession.LaunchAsync();
        // The background billing clock is off: nothing moves while the reader clicks.
        await using var app = await TestApp.StartOnKestrelAsync(new() { ["Billing:ClockEnabled"] = "false" });
        await app.CreateArticleAsync("Leviathan expansion memo", access: AccessLevel.Pro, sectionSlug: "energy",
            authorName: "Rana Idris", body: "The partners are close to a decision on the third pipeline.\n\n" + Marker,
            slug: "leviathan-expansion-memo");
        var page = await browser.NewPageAsync(app.RootUri);

        // A PRO article: teaser and the call to action, not the body.
        await page.GotoAsync("/articles/leviathan-expansion-memo");
        Assert.DoesNotContain(Marker, await page.Locator("main").InnerTextAsync());
        Assert.True(await page.GetByRole(AriaRole.Heading, new() { Name = "This analysis is for PRO members" }).IsVisibleAsync());
        await BrowserSession.ScreenshotAsync(page, "membership-1-pro-article-teaser");
        await page.Locator(".paywall").GetByRole(AriaRole.Link, new() { Name = "Start with 1-week free trial" }).ClickAsync();

        // Pricing: what PRO includes, the price from the catalogue, one trial action.
        await page.WaitForURLAsync(url => url.Contains("/pricing?return=", StringComparison.Ordinal));
        var pricing = await page.Locator("main").InnerTextAsync();
        Assert.Contains("$25.00/month, billed annually $300", pricing);
        Assert.Contains("TEST MODE", pricing);
        await BrowserSession.ScreenshotAsync(page, "membership-2-pricing");
        await page.GetByRole(AriaRole.Link, new() { Name = "Start with 1-week free trial" }).ClickAsync();

        // Signed out: sign in by magic link (it creates the account), then straight back to checkout.
        await page.WaitForURLAsync("**/account/signin**");
        const string email = "pro.reader@example.test";
        await page.FillAsync("#link-email", email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a sign-in link" }).ClickAsync();
        await page.WaitForURLAsync("**/account/check-email**");
        var message = await Mailbox.WaitForAsync(app.MailDirectory, email);
        var link = Mailbox.FindLink(message, "/account/magic");
        Assert.NotNull(link);
        await page.GotoAsync(link!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/billing/checkout?price=", StringComparison.Ordinal));

        // The test-mode checkout: a wrong expiry first (inline error), then 4242.
        Assert.Contains("TEST MODE", await page.Locator("main").InnerTextAsync());
        await page.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await page.GetByLabel("Expiry date (MM/YY)").FillAsync("13/30");
        await page.GetByLabel("Security code (CVC)").FillAsync("123");
        await page.GetByLabel("Name on card").FillAsync("Pro Reader");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start free trial" }).ClickAsync();
        await page.WaitForSelectorAsync(".error-summary");
        Assert.Equal("true", await page.GetByLabel("Expiry date (MM/YY)").GetAttributeAsync("aria-invalid"));
        await BrowserSession.ScreenshotAsync(page, "membership-3-checkout-error");
        await page.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await page.GetByLabel("Expiry date (MM/YY)").FillAsync("12/30");
        await page.GetByLabel("Security code (CVC)").FillAsync("123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start free trial" }).ClickAsync();

        // Back on the article, now in full.
        await page.WaitForURLAsync("**/articles/leviathan-expansion-memo");
        Assert.Contains(Marker, await page.Locator("main").InnerTextAsync());
        await BrowserSession.ScreenshotAsync(page, "membership-4-full-article");

        // Cancel from the account page (with a confirmation step): access stays until the period ends.
        await page.GotoAsync("/account");
        await page.GetByRole(AriaRole.Link, new() { Name = "PRO membership and billing" }).ClickAsync();
        await page.WaitForURLAsync("**/account/billing");
        Assert.Contains("trialing until 27 November 2026", await page.Locator("main").InnerTextAsync());
        await BrowserSession.ScreenshotAsync(page, "membership-5-account-billing");
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel membership" }).ClickAsync();
        await page.WaitForURLAsync("**/account/billing/cancel");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel my membership" }).ClickAsync();
        await page.WaitForURLAsync("**/account/billing");
        var account = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Canceled. You keep PRO access until 27 November 2026", account);
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Reactivate membership" }).IsVisibleAsync());
        await BrowserSession.ScreenshotAsync(page, "membership-6-canceled");

        await page.GotoAsync("/articles/leviathan-expansion-memo");
        Assert.Contains(Marker, await page.Locator("main").InnerTextAsync());
    }
}
