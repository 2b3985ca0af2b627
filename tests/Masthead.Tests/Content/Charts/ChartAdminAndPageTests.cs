using System.Net;
using System.Text;
using Masthead.Accounts;
using Masthead.Content;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Content.Charts;

public sealed class ChartAdminAndPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> ImportAsync(HttpClient editor, int chartId, string csv) =>
        editor.PostMultipartAsync($"/admin/charts/{chartId}?handler=Import", [], ("csv", "data.csv", "text/csv", Encoding.UTF8.GetBytes(csv)),
            formPage: $"/admin/charts/{chartId}");

    private static Task<List<(string Name, string Unit, int Points)>> SeriesAsync(TestApp app, int chartId) =>
        app.WithDbAsync(db => db.ChartSeries.Where(s => s.ChartId == chartId).OrderBy(s => s.Position)
            .Select(s => new ValueTuple<string, string, int>(s.Name, s.Unit, s.Points.Count)).ToListAsync(Ct));

    [Theory, ClassData(typeof(Databases))]
    public async Task CsvWithBadDatesNumbersOrSeriesReportsEachLineAndSavesNothing(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var article = await app.CreateArticleAsync("Gulf ports trend report");
        var chart = await app.CreateChartAsync(article.Id, "gulf-teu");
        var editor = await app.SignedInClientAsync(Roles.Editor);

        var response = await ImportAsync(editor, chart.Id,
            "date,series,value,unit\n2026-01-31,Dammam,210.5,k TEU\n2026-02-30,Dammam,199,k TEU\n2026-03-31,Dammam,twelve,k TEU\n2026-04-30,,201\n2026-05-31,Dammam,205\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Nothing was saved", html);
        Assert.Contains("Line 3: “2026-02-30” is not a date", html);
        Assert.Contains("Line 4: “twelve” is not a number", html);
        Assert.Contains("Line 5: no series name", html);
        Assert.DoesNotContain("Line 2:", html);
        Assert.DoesNotContain("Line 6:", html);
        // The chart's data is as it was: no Dammam, both seeded series with their points.
        Assert.Equal([("Jebel Ali", "k TEU", 2), ("Khalifa", "k TEU", 2)], await SeriesAsync(app, chart.Id));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task CleanCsvReplacesTheSeriesAndThePagePreviewsTheChart(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var article = await app.CreateArticleAsync("Gulf ports trend report");
        var chart = await app.CreateChartAsync(article.Id, "gulf-teu");
        var editor = await app.SignedInClientAsync(Roles.Editor);

        var response = await ImportAsync(editor, chart.Id,
            "series,date,value,source\nDammam,2026-01,210.5,Mawani\nDammam,2026-02,199,\n\"Jebel Ali\",2026-01,\"1,301\",\n\"Jebel Ali\",2026-02,1290.75,\n");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // Jebel Ali kept its unit (the file gives none); Dammam took its source from its first row.
        Assert.Equal([("Dammam", "", 2), ("Jebel Ali", "k TEU", 2)], await SeriesAsync(app, chart.Id));
        var page = await editor.GetStringAsync(response.Headers.Location, Ct);
        Assert.Contains("Imported", page);
        Assert.Contains("<svg class=\"chart-svg\" role=\"img\"", page);
        Assert.Contains("<td>1,290.75</td>", page);
        Assert.Contains("Source: Mawani", page);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TableEditorSavesSeriesAndPointsAndRejectsABadRowWhole(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var article = await app.CreateArticleAsync("Gulf ports trend report");
        var chart = await app.CreateChartAsync(article.Id, "gulf-teu");
        var editor = await app.SignedInClientAsync(Roles.Editor);
        // Every cell posted, empty ones too, as a browser posts the grid (list binding stops at a missing index).
        Dictionary<string, string> Form(string badValue) => new()
        {
            ["Input.Title"] = "Throughput", ["Input.Slug"] = "gulf-teu", ["Input.Description"] = "Two ports.", ["Input.Type"] = "Bar", ["Input.Position"] = "0",
            ["Series[0].Name"] = "Jebel Ali", ["Series[0].Unit"] = "k TEU", ["Series[1].Name"] = "", ["Series[2].Name"] = "Dammam",
            ["Rows[0].Date"] = "2026-01-01", ["Rows[0].Values[0]"] = "1000", ["Rows[0].Values[1]"] = "", ["Rows[0].Values[2]"] = "200",
            ["Rows[1].Date"] = "2026-02-01", ["Rows[1].Values[0]"] = badValue, ["Rows[1].Values[1]"] = "", ["Rows[1].Values[2]"] = "210",
        };

        var rejected = await editor.PostFormAsync($"/admin/charts/{chart.Id}?handler=Save", Form("lots"), $"/admin/charts/{chart.Id}");
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Contains("Row 2, Jebel Ali: “lots” is not a number", WebUtility.HtmlDecode(await rejected.Content.ReadAsStringAsync(Ct)));
        Assert.Equal([("Jebel Ali", "k TEU", 2), ("Khalifa", "k TEU", 2)], await SeriesAsync(app, chart.Id));

        var saved = await editor.PostFormAsync($"/admin/charts/{chart.Id}?handler=Save", Form("1010.5"), $"/admin/charts/{chart.Id}");
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync(Ct)));
        Assert.Equal([("Jebel Ali", "k TEU", 2), ("Dammam", "", 2)], await SeriesAsync(app, chart.Id));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ShortCodeDrawsTheChartWhereItSitsAndAnUnknownOneOnlyForStaff(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var report = await app.CreateArticleAsync("Gulf ports trend report");
        await app.CreateChartAsync(report.Id, "gulf-teu");
        await app.CreateArticleAsync("Port story", slug: "port-story",
            body: "Opening paragraph.\n\n[[chart:gulf-teu]]\n\nMiddle paragraph.\n\n[[chart:no-such-chart]]\n\nClosing paragraph.");

        var html = await app.CreateBrowserClient().GetStringAsync("/articles/port-story", Ct);
        var figure = html.IndexOf("<figure class=\"chart\" id=\"chart-gulf-teu\"", StringComparison.Ordinal);
        Assert.True(figure > html.IndexOf("Opening paragraph.", StringComparison.Ordinal) && figure < html.IndexOf("Middle paragraph.", StringComparison.Ordinal),
            "the chart is not between the paragraphs around its short code");
        Assert.Contains("<td>1,234.5</td>", html);
        Assert.DoesNotContain("[[chart:", html);
        Assert.DoesNotContain("no-such-chart", html);

        var staff = await (await app.SignedInClientAsync(Roles.Editor)).GetStringAsync("/articles/port-story", Ct);
        Assert.Contains("class=\"chart-missing\"", staff);
        Assert.Contains("no-such-chart", staff);

        // The report's own chart, placed by no short code, follows its body.
        var own = await app.CreateBrowserClient().GetStringAsync("/articles/" + report.Slug, Ct);
        Assert.Contains("id=\"chart-gulf-teu\"", own);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ProChartIsNotDrawnIntoAPublicArticleForReadersWhoMayNotReadIt(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var pro = await app.CreateArticleAsync("PRO trend report", access: AccessLevel.Pro);
        await app.CreateChartAsync(pro.Id, "pro-teu");
        await app.CreateArticleAsync("Open story", slug: "open-story", body: "Intro.\n\n[[chart:pro-teu]]\n\nEnd.");

        var html = await app.CreateBrowserClient().GetStringAsync("/articles/open-story", Ct);
        Assert.DoesNotContain("1,234.5", html);
        Assert.DoesNotContain("chart-pro-teu", html);
    }
}
