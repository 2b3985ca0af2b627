using Masthead.Accounts;
using Masthead.Tests.Support;
using Microsoft.Playwright;

namespace Masthead.BrowserTests;

public sealed class EditorJourneyTests
{
    [Fact]
    public async Task EditorSignsInWritesAndPublishesAnArticleThatAppearsOnTheHomePage()
    {
        await using var browser = await BrowserSession.LaunchAsync();
        await using var app = await TestApp.StartOnKestrelAsync();
        const string email = "desk.editor@example.test";
        await app.CreateUserAsync(email, Roles.Editor);
        var page = await browser.NewPageAsync(app.RootUri);

        await page.GotoAsync("/admin/articles");
        await page.WaitForURLAsync("**/account/signin**");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", TestApp.TestPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with password" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/articles");

        await page.GotoAsync("/admin/articles/new");
        const string title = "Basra refinery restart slips to the spring";
        await page.FillAsync("#title", title);
        await page.FillAsync("#dek", "Engineers found more corrosion than expected in the crude unit.");
        await page.FillAsync("#body", "The restart of the **crude distillation unit** has slipped.\n\n- Inspections found corrosion\n- Parts arrive in March");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        Assert.Contains("crude distillation unit", await page.Locator("main").InnerTextAsync());
        await BrowserSession.ScreenshotAsync(page, "editor-1-preview");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await BrowserSession.ScreenshotAsync(page, "editor-2-published");

        await page.GotoAsync("/");
        var headline = page.GetByRole(AriaRole.Link, new() { Name = title });
        Assert.True(await headline.First.IsVisibleAsync());
        await BrowserSession.ScreenshotAsync(page, "editor-3-home");
        await headline.First.ClickAsync();
        await page.WaitForURLAsync("**/articles/basra-refinery-restart-slips-to-the-spring");
        Assert.Contains("crude distillation unit", await page.Locator(".article-body").InnerTextAsync());
    }
}
