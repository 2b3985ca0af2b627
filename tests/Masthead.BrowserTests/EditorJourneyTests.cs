using Masthead.Accounts;
using Masthead.Tests.Support;
using Microsoft.Playwright;

namespace Masthead.BrowserTests;

public sealed class EditorJourneyTests(SharedBrowser shared) : IClassFixture<SharedBrowser>
{
    private static async Task<IPage> SignedInEditorAsync(BrowserSession browser, TestApp app)
    {
        const string email = "desk.editor@example.test";
        await app.CreateUserAsync(email, Roles.Editor);
        var page = await browser.NewPageAsync(app.RootUri);
        await page.GotoAsync("/admin/articles");
        await page.WaitForURLAsync("**/account/signin**");
        await BrowserSession.SignInAsync(page, email);
        await page.WaitForURLAsync("**/admin/articles");
        return page;
    }

    private static Task<string> FontFamilyAsync(ILocator element) => element.EvaluateAsync<string>("e => getComputedStyle(e).fontFamily");

    [Fact]
    public async Task EditorSignsInWritesAndPublishesAnArticleThatAppearsOnTheHomePage()
    {
        var browser = await shared.GetAsync();
        await using var app = await TestApp.StartOnKestrelAsync();
        var page = await SignedInEditorAsync(browser, app);

        await page.GotoAsync("/admin/articles/new");
        const string title = "Basra refinery restart slips to the spring";
        await page.FillAsync("#title", title);
        await page.FillAsync("#dek", "Engineers found more corrosion than expected in the crude unit.");
        await page.FillAsync("#body", "The restart of the **crude distillation unit** has slipped.\n\n- Inspections found corrosion\n- Parts arrive in March");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        Assert.Contains("crude distillation unit", await page.FrameLocator(".preview-frame").Locator(".article-body").InnerTextAsync());
        await BrowserSession.ScreenshotAsync(page, "editor-1-preview");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/articles/*?notice=published");
        await BrowserSession.ScreenshotAsync(page, "editor-2-published");

        await page.GotoAsync("/");
        var headline = page.GetByRole(AriaRole.Link, new() { Name = title });
        Assert.True(await headline.First.IsVisibleAsync());
        await BrowserSession.ScreenshotAsync(page, "editor-3-home");
        await headline.First.ClickAsync();
        await page.WaitForURLAsync("**/articles/basra-refinery-restart-slips-to-the-spring");
        Assert.Contains("crude distillation unit", await page.Locator(".article-body").InnerTextAsync());
    }

    [Fact]
    public async Task PreviewKeepsTheHeroDrawsTheLivePageImportsAnOutsideImageAndLeavingAsksFirst()
    {
        var png = TestImages.Png(12, 8);
        await using var otherSite = await ImageHost.StartAsync(new Dictionary<string, (string, byte[])>
        {
            ["/photos/spillway.png"] = ("image/png", TestImages.Png(9, 6)),
        });
        var browser = await shared.GetAsync();
        await using var app = await TestApp.StartOnKestrelAsync(new() { ["Media:Import:AllowLoopbackForTests"] = "true" });
        var page = await SignedInEditorAsync(browser, app);
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Type);
            await dialog.DismissAsync();
        };

        await page.GotoAsync("/admin/articles/new");
        const string title = "Mosul dam reservoir falls to a third";
        var outsideImage = otherSite.Url("/photos/spillway.png");
        await page.FillAsync("#title", title);
        await page.FillAsync("#dek", "Farmers downstream face a dry summer.");
        await page.FillAsync("#body", $"Levels are the **lowest** since 1986.\n\n![The spillway]({outsideImage})\n");
        await page.SetInputFilesAsync("#hero-upload", new FilePayload { Name = "dam.png", MimeType = "image/png", Buffer = png });
        await page.FillAsync("#hero-alt", "The dam's crest seen from the reservoir");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        // The upload is kept: it is in the media library and selected as the hero, and the preview draws it.
        await Assertions.Expect(page.Locator("#hero-current")).ToContainTextAsync("dam.png (kept)");
        var heroUrl = await page.Locator("#hero").InputValueAsync();
        Assert.StartsWith("/media/", heroUrl);
        var preview = page.FrameLocator(".preview-frame");
        Assert.Equal(title, await preview.Locator("article h1").InnerTextAsync());
        Assert.Equal("Farmers downstream face a dry summer.", await preview.Locator(".article-dek").InnerTextAsync());
        Assert.Equal(heroUrl, await preview.Locator(".hero img").GetAttributeAsync("src"));
        Assert.True(await preview.Locator(".hero img").EvaluateAsync<bool>("i => i.complete && i.naturalWidth === 12"));
        var previewFont = await FontFamilyAsync(preview.Locator("article h1"));
        Assert.NotEqual(await FontFamilyAsync(page.Locator("main h1")), previewFont);
        await BrowserSession.ScreenshotAsync(page, "editor-4-preview-beside-the-form");

        // The outside image is named with the reason, and imported on request.
        var warning = page.Locator(".external-images");
        await Assertions.Expect(warning).ToContainTextAsync("This image is on another site and will be blocked by the page's Content-Security-Policy");
        await warning.GetByRole(AriaRole.Button, new() { Name = "Import into the media library" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("The image is in the media library now");
        await Assertions.Expect(warning).ToHaveCountAsync(0);
        var body = await page.Locator("#body").InputValueAsync();
        Assert.DoesNotContain(outsideImage, body);
        Assert.Matches(@"!\[The spillway\]\(/media/[0-9a-f]{32}\.png\)", body);
        Assert.Equal(heroUrl, await page.Locator("#hero").InputValueAsync());
        Assert.True(await preview.Locator(".article-body img").EvaluateAsync<bool>("i => i.complete && i.naturalWidth === 9"));

        // Leaving with unsaved changes asks first; staying keeps everything.
        await page.GetByRole(AriaRole.Link, new() { Name = "Articles", Exact = true }).ClickAsync(new() { NoWaitAfter = true });
        await Assertions.Expect(page.Locator("#title")).ToHaveValueAsync(title);
        Assert.Equal(["beforeunload"], dialogs);
        Assert.EndsWith("/admin/articles/new?handler=ImportImage", page.Url);

        // Publishing is not leaving: no question, and the article goes out with the kept hero and the imported image.
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/articles/*?notice=published");
        Assert.Equal(["beforeunload"], dialogs);
        await page.GotoAsync("/articles/mosul-dam-reservoir-falls-to-a-third");
        Assert.Equal(heroUrl, await page.Locator(".hero img").GetAttributeAsync("src"));
        Assert.Equal(previewFont, await FontFamilyAsync(page.Locator("article h1")));
        Assert.True(await page.Locator(".article-body img").EvaluateAsync<bool>("i => i.complete && i.naturalWidth === 9"));
        Assert.Single(otherSite.Requests);
        await BrowserSession.ScreenshotAsync(page, "editor-5-live-with-imported-image");
    }
}
