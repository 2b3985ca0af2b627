using Masthead.Tests.Support;

namespace Masthead.BrowserTests;

public sealed class SmokeTests
{
    [Fact]
    public async Task HomePageRendersInChromium()
    {
        await using var browser = await BrowserSession.LaunchAsync();
        await using var app = await TestApp.StartOnKestrelAsync();
        var page = await browser.NewPageAsync(app.RootUri);
        var response = await page.GotoAsync("/");
        Assert.Equal(200, response!.Status);
        Assert.NotEmpty(await page.Locator("h1").First.InnerTextAsync());
        await BrowserSession.ScreenshotAsync(page, "smoke-home");
    }
}
