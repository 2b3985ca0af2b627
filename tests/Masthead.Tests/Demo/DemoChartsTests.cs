using Masthead.Accounts;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Demo;

public sealed class DemoChartsTests
{
    [Theory, ClassData(typeof(Databases))]
    public async Task DemoTrendReportsDrawEveryChartTheirShortCodesName(Db db)
    {
        await using var app = await TestApp.StartAsync(db, new() { ["Demo:Enabled"] = "true" });
        var ct = TestContext.Current.CancellationToken;
        var staff = await app.SignedInClientAsync(Roles.Editor);
        var trends = await staff.GetStringAsync("/trends", ct);
        foreach (var slug in new[] { "trend-gulf-container-throughput", "trend-brent-lng-spreads" })
        {
            var charts = await app.WithDbAsync(d => d.Charts.Where(c => d.Articles.Any(a => a.Id == c.ArticleId && a.Slug == slug))
                .Select(c => new { c.Slug, Points = c.Series.SelectMany(s => s.Points).Count() }).ToListAsync(ct));
            Assert.InRange(charts.Count, 2, 4);
            Assert.All(charts, c => Assert.True(c.Points >= 8, $"{c.Slug} has {c.Points} points"));
            var html = await staff.GetStringAsync($"/articles/{slug}", ct);
            Assert.DoesNotContain("chart-missing", html);
            Assert.All(charts, c => Assert.Contains($"id=\"chart-{c.Slug}\"", html));
            // The reports with charts are trend reports: listed at /trends, not only reachable as stories.
            Assert.Equal(Masthead.Content.ArticleKind.TrendReport, await app.WithDbAsync(d => d.Articles.Where(a => a.Slug == slug).Select(a => a.Kind).SingleAsync(ct)));
            Assert.Contains($"href=\"/articles/{slug}\"", trends);
        }
    }
}
