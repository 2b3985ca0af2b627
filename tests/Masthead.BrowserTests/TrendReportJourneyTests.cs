using System.Text;
using System.Text.RegularExpressions;
using Masthead.Accounts;
using Masthead.Content;
using Masthead.Content.Charts;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MimeKit;

namespace Masthead.BrowserTests;

/// <summary>Issue 13 point 3 in Chromium: an editor imports a CSV into a trend report's chart and sees it drawn in the
/// admin preview and on the published page; a bad file names its lines and saves nothing; the report is emailed to
/// PRO members and the email is looked at in light and dark mode.</summary>
public sealed class TrendReportJourneyTests(SharedBrowser shared) : IClassFixture<SharedBrowser>
{
    private const string ReportSlug = "gulf-ports-trend-report";

    private static async Task<IPage> SignedInEditorAsync(BrowserSession browser, TestApp app, int width = 1280)
    {
        const string email = "data.editor@example.test";
        await app.CreateUserAsync(email, Roles.Editor);
        var page = await browser.NewPageAsync(app.RootUri, width);
        await page.GotoAsync("/admin/articles");
        await page.WaitForURLAsync("**/account/signin**");
        await BrowserSession.SignInAsync(page, email);
        await page.WaitForURLAsync("**/admin/articles");
        return page;
    }

    /// <summary>A published PRO trend report whose body places its one chart, which has no data yet.</summary>
    private static async Task<(int ArticleId, int ChartId)> ReportWithEmptyChartAsync(TestApp app)
    {
        var report = await app.CreateArticleAsync("Gulf ports trend report", slug: ReportSlug, kind: ArticleKind.TrendReport, access: AccessLevel.Pro,
            body: "Throughput at the Gulf's container ports kept rising through the spring.\n\n[[chart:gulf-teu]]\n\nThe hubs took most of the growth.");
        var chart = await app.WithDbAsync(async db =>
        {
            var c = new Chart
            {
                ArticleId = report.Id, Slug = "gulf-teu", Title = "Container throughput at two Gulf ports",
                Description = "Thousands of TEU handled each month, January to June 2026.", Type = ChartType.Line, UpdatedAt = app.Time.GetUtcNow().UtcDateTime,
            };
            db.Charts.Add(c);
            await db.SaveChangesAsync();
            return c;
        });
        return (report.Id, chart.Id);
    }

    private static readonly string CleanCsv = """
        date,series,value,unit,source
        2026-01,Jebel Ali,1234.5,k TEU,Port statements
        2026-02,Jebel Ali,1180,k TEU,
        2026-03,Jebel Ali,1262.25,k TEU,
        2026-04,Jebel Ali,1301,k TEU,
        2026-05,Jebel Ali,1288.5,k TEU,
        2026-06,Jebel Ali,1340,k TEU,
        2026-01,Khalifa,410,k TEU,AD Ports
        2026-02,Khalifa,452.25,k TEU,
        2026-03,Khalifa,470,k TEU,
        2026-04,Khalifa,488.5,k TEU,
        2026-05,Khalifa,502,k TEU,
        2026-06,Khalifa,519.75,k TEU,
        """;

    private static async Task ImportAsync(IPage page, string fileName, string csv)
    {
        await page.SetInputFilesAsync("#csv", new FilePayload { Name = fileName, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    [Fact]
    public async Task EditorImportsACsvIntoATrendReportAndSeesTheChartInThePreviewAndOnThePage()
    {
        var browser = await shared.GetAsync();
        await using var app = await TestApp.StartOnKestrelAsync();
        var (articleId, chartId) = await ReportWithEmptyChartAsync(app);
        var page = await SignedInEditorAsync(browser, app);

        await page.GotoAsync($"/admin/articles/{articleId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Charts of this article" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Container throughput at two Gulf ports" }).ClickAsync();
        await page.WaitForURLAsync($"**/admin/charts/{chartId}");
        await Assertions.Expect(page.Locator(".chart-preview")).ToContainTextAsync("No data yet");

        await ImportAsync(page, "gulf-teu.csv", CleanCsv);
        await page.WaitForURLAsync($"**/admin/charts/{chartId}?notice=imported");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Imported");
        var preview = page.Locator(".chart-preview svg.chart-svg");
        await Assertions.Expect(preview).ToBeVisibleAsync();
        Assert.Equal("img", await preview.GetAttributeAsync("role"));
        // A line per series, and the figures in the data table under the drawing.
        Assert.Equal(2, await page.Locator(".chart-preview svg path.chart-line").CountAsync());
        Assert.Contains("1,340", await page.Locator(".chart-preview table").TextContentAsync());
        await BrowserSession.ScreenshotAsync(page, "trend-1-admin-preview");

        await page.GotoAsync("/articles/" + ReportSlug);
        var figure = page.Locator("figure#chart-gulf-teu");
        await Assertions.Expect(figure.Locator("svg.chart-svg")).ToBeVisibleAsync();
        Assert.Contains("Container throughput at two Gulf ports", await figure.Locator("svg.chart-svg > title").TextContentAsync());
        Assert.Contains("Source: Port statements; AD Ports", await figure.InnerTextAsync());
        // Drawn where the short code sits, between the two paragraphs.
        var order = await page.EvaluateAsync<bool>("""
            () => { const body = document.querySelector('.article-body').innerHTML;
                    const at = body.indexOf('id="chart-gulf-teu"');
                    return at > body.indexOf('kept rising') && at < body.indexOf('The hubs took'); }
            """);
        Assert.True(order, "the chart is not between the paragraphs around its short code");
        await figure.ScrollIntoViewIfNeededAsync();
        await BrowserSession.ScreenshotAsync(page, "trend-2-published-page");
    }

    [Fact]
    public async Task CsvWithABadDateAndABadNumberShowsTheirLineNumbersAndSavesNothing()
    {
        var browser = await shared.GetAsync();
        await using var app = await TestApp.StartOnKestrelAsync();
        var (_, chartId) = await ReportWithEmptyChartAsync(app);
        var page = await SignedInEditorAsync(browser, app);

        await page.GotoAsync($"/admin/charts/{chartId}");
        await ImportAsync(page, "typos.csv", """
            date,series,value,unit
            2026-01,Jebel Ali,1234.5,k TEU
            2026-02-30,Jebel Ali,1180,k TEU
            2026-03,Jebel Ali,12O0,k TEU
            2026-04,Jebel Ali,1301,k TEU
            """);

        var problems = page.Locator("#chart-problems");
        await Assertions.Expect(problems).ToBeVisibleAsync();
        var text = await problems.InnerTextAsync();
        Assert.Contains("Nothing was saved", text);
        Assert.Contains("Line 3: “2026-02-30” is not a date", text);
        Assert.Contains("Line 4: “12O0” is not a number", text);
        Assert.DoesNotContain("Line 2", text);
        Assert.DoesNotContain("Line 5", text);
        Assert.Equal("alert", await problems.GetAttributeAsync("role"));
        await Assertions.Expect(page.Locator(".chart-preview")).ToContainTextAsync("No data yet");
        Assert.Equal(0, await app.WithDbAsync(db => db.ChartSeries.CountAsync(s => s.ChartId == chartId)));
        await BrowserSession.ScreenshotAsync(page, "trend-3-bad-csv");
    }

    [Fact]
    public async Task EditorEmailsTheReportToProMembersAndTheEmailReadsInLightAndDarkMode()
    {
        var browser = await shared.GetAsync();
        await using var app = await TestApp.StartOnKestrelAsync();
        var (articleId, chartId) = await ReportWithEmptyChartAsync(app);
        var page = await SignedInEditorAsync(browser, app);
        await page.GotoAsync($"/admin/charts/{chartId}");
        await ImportAsync(page, "gulf-teu.csv", CleanCsv);
        await page.WaitForURLAsync("**?notice=imported");
        await Journeys.ProMemberAsync(app, "analyst@example.test");

        await page.GotoAsync($"/admin/articles/{articleId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Email to PRO members" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Email to PRO members…" }).ClickAsync();
        await Assertions.Expect(page.Locator("form.form-card")).ToContainTextAsync("now to 1 PRO member? This cannot be undone.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, send to 1 member" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Queued for 1 PRO member.");

        var message = await Mailbox.WaitForAsync(app.MailDirectory, "analyst@example.test");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#progress-summary")).ToHaveTextAsync("1 of 1 settled.");
        await BrowserSession.ScreenshotAsync(page, "trend-4-email-sent");

        // The HTML part as a mail client shows it: cid: images resolved from the message's own parts.
        var html = await Journeys.HtmlWithInlineImagesAsync(message);
        Assert.DoesNotMatch(new Regex("src=\"cid:"), html);
        foreach (var (scheme, width, name) in new[] { (ColorScheme.Light, 700, "trend-5-email-light"), (ColorScheme.Dark, 700, "trend-6-email-dark"), (ColorScheme.Light, 390, "trend-7-email-390px") })
        {
            var mail = await browser.NewPageAsync(app.RootUri, width);
            await mail.EmulateMediaAsync(new() { ColorScheme = scheme });
            await mail.SetContentAsync(html);
            var img = mail.Locator("img[alt^='Container throughput at two Gulf ports.']");
            Assert.True(await img.EvaluateAsync<bool>("i => i.complete && i.naturalWidth === 960"));
            // Nothing wider than the screen: the card, the picture and the table fit.
            Assert.True(await mail.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"the email scrolls sideways at {width} px");
            Assert.Contains("1,340", await mail.Locator("table caption:has-text('Data:') >> xpath=..").InnerTextAsync());
            await BrowserSession.ScreenshotAsync(mail, name);
            await mail.Context.CloseAsync();
        }
    }
}
