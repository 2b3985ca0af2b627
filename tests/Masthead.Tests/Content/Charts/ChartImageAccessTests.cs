using System.Net;
using Masthead.Content;
using Masthead.Content.Charts;
using Masthead.Tests.Membership;
using Masthead.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Content.Charts;

public sealed class ChartImageAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static async Task<ChartData> DataAsync(TestApp app, int chartId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ChartQueries>().FindAsync(chartId, Ct))!.Chart;
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ProChartImagesAreRefusedToReadersWhoMayNotReadTheArticle(Db db)
    {
        await using var app = await PaywallSupport.StartAsync(db);
        var pro = await app.CreateArticleAsync("PRO trend report", access: AccessLevel.Pro);
        var chart = await DataAsync(app, (await app.CreateChartAsync(pro.Id, "pro-teu")).Id);

        foreach (var role in Enum.GetValues<Role>())
        {
            var client = await app.ClientAsync(role);
            foreach (var path in new[] { chart.SvgPath, chart.PngPath })
            {
                var response = await client.GetAsync(path, Ct);
                if (PaywallSupport.ReadsPro(role))
                {
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Assert.Equal(System.Net.Http.Headers.CacheControlHeaderValue.Parse("private, max-age=31536000, immutable"), response.Headers.CacheControl);
                }
                else
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path} as {role}: {response.StatusCode}");
                    Assert.DoesNotContain("1,234.5", await response.Content.ReadAsStringAsync(Ct));
                }
            }
        }
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task OpenChartImagesAreImmutableAndAnOldFingerprintRedirects(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var article = await app.CreateArticleAsync("Open trend report");
        var chart = await DataAsync(app, (await app.CreateChartAsync(article.Id, "open-teu")).Id);
        var client = app.CreateBrowserClient();

        var svg = await client.GetAsync(chart.SvgPath, Ct);
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        Assert.Equal(System.Net.Http.Headers.CacheControlHeaderValue.Parse("public, max-age=31536000, immutable"), svg.Headers.CacheControl);
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", await svg.Content.ReadAsStringAsync(Ct));

        var stale = await client.GetAsync($"/charts/{chart.Id}-000000000000.png", Ct);
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.Equal(chart.PngPath, stale.Headers.Location!.OriginalString);

        var draft = await app.CreateArticleAsync("Draft report", status: ArticleStatus.Draft);
        var hidden = await DataAsync(app, (await app.CreateChartAsync(draft.Id, "draft-teu")).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(hidden.SvgPath, Ct)).StatusCode);
    }
}
