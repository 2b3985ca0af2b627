using Masthead.Content;
using Masthead.Tests.Support;
using Microsoft.Playwright;

namespace Masthead.BrowserTests;

public sealed class ReaderJourneyTests
{
    [Fact]
    public async Task ReaderFollowsAnArticleSignsUpWithAMagicLinkAndIsSignedIn()
    {
        await using var browser = await BrowserSession.LaunchAsync();
        await using var app = await TestApp.StartOnKestrelAsync();
        await app.CreateArticleAsync("Desalination bonds draw Gulf pension funds", sectionSlug: "markets",
            authorName: "Rana Idris", body: "Pension funds in the Gulf are **buying** desalination debt.");
        await app.CreateArticleAsync("Port congestion eases at Jebel Ali", sectionSlug: "markets");
        var page = await browser.NewPageAsync(app.RootUri);

        await page.GotoAsync("/");
        await BrowserSession.ScreenshotAsync(page, "reader-1-home");
        await page.GetByRole(AriaRole.Link, new() { Name = "Desalination bonds draw Gulf pension funds" }).First.ClickAsync();
        await page.WaitForURLAsync("**/articles/desalination-bonds-draw-gulf-pension-funds");
        Assert.Equal("Desalination bonds draw Gulf pension funds", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("buying", await page.Locator(".article-body").InnerTextAsync());
        await BrowserSession.ScreenshotAsync(page, "reader-2-article");

        await page.GetByRole(AriaRole.Link, new() { Name = "Subscribe" }).First.ClickAsync();
        await page.WaitForURLAsync("**/account/signup**");
        const string email = "new.reader@example.test";
        await page.FillAsync("#email", email);
        await page.FillAsync("#name", "New Reader");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await page.WaitForURLAsync("**/account/check-email**");
        await BrowserSession.ScreenshotAsync(page, "reader-3-check-email");

        var message = await Mailbox.WaitForAsync(app.MailDirectory, email);
        var link = Mailbox.FindLink(message, "/account/magic");
        Assert.NotNull(link);
        Assert.StartsWith(app.RootUri.ToString().TrimEnd('/'), link);

        await page.GotoAsync(link!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/account**");
        Assert.Contains(email, await page.Locator("main").InnerTextAsync());
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).First.IsVisibleAsync());
        await BrowserSession.ScreenshotAsync(page, "reader-4-signed-in");

        // The link is single use: opening it again does not sign anyone in.
        var second = await browser.NewPageAsync(app.RootUri);
        await second.GotoAsync(link!);
        Assert.Equal(0, await second.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).CountAsync());
    }
}
