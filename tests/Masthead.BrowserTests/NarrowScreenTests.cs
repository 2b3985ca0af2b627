using Masthead.Tests.Support;

namespace Masthead.BrowserTests;

/// <summary>At a phone's 390 px the account bar stays one row and the section navigation shows it scrolls.</summary>
public sealed class NarrowScreenTests
{
    private static readonly string[] Sections =
        ["energy-markets", "shipping-and-ports", "regulation", "financing", "technology", "people-and-moves", "data-desk"];

    [Fact]
    public async Task AtPhoneWidthTheHeaderKeepsOneRowAndTheSectionsShowTheyScroll()
    {
        await using var browser = await BrowserSession.LaunchAsync();
        await using var app = await TestApp.StartOnKestrelAsync();
        foreach (var slug in Sections) await app.CreateArticleAsync("A piece on " + slug, sectionSlug: slug);

        var page = await browser.NewPageAsync(app.RootUri, width: 390, height: 844);
        await page.GotoAsync("/");
        await BrowserSession.ScreenshotAsync(page, "narrow-home");

        // Every item of the account bar sits on the same row: their tops differ by less than a line.
        var tops = await page.EvalOnSelectorAllAsync<double[]>(".account-links > *",
            "els => els.filter(e => e.offsetParent !== null).map(e => e.getBoundingClientRect().top)");
        Assert.True(tops.Length >= 3, $"{tops.Length} visible items");
        Assert.True(tops.Max() - tops.Min() < 12, $"account bar items at tops {string.Join(", ", tops)}");
        var bar = await page.EvalOnSelectorAsync<double>(".account-links", "e => e.getBoundingClientRect().height");
        Assert.True(bar < 64, $"account bar is {bar} px tall");

        // The list overflows, says so with a scrollbar and a shadow at the edge, and nothing leaves the page.
        var nav = await page.EvalOnSelectorAsync<NavShape>(".section-nav ul", """
            e => ({ overflows: e.scrollWidth > e.clientWidth, scrollbar: getComputedStyle(e).scrollbarWidth,
                    background: getComputedStyle(e).backgroundImage, pageWidth: document.documentElement.scrollWidth })
            """);
        Assert.True(nav.Overflows);
        Assert.Equal("thin", nav.Scrollbar);
        Assert.Contains("radial-gradient", nav.Background);
        Assert.True(nav.PageWidth <= 390, $"the page is {nav.PageWidth} px wide");

        // The search box gives way to its button, which still leads to search.
        await page.Locator(".site-search button").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/search", StringComparison.Ordinal));
        Assert.Contains("Search", await page.Locator("h1").First.InnerTextAsync());
    }

    private sealed class NavShape
    {
        public bool Overflows { get; set; }
        public string Scrollbar { get; set; } = "";
        public string Background { get; set; } = "";
        public double PageWidth { get; set; }
    }
}
