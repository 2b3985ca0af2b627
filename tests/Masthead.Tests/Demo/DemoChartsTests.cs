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
        foreach (var slug in new[] { "trend-gulf-container-throughput", "trend-brent-lng-spreads" })
        {
            var charts = await app.WithDbAsync(d => d.Charts.Where(c => d.Articles.Any(a => a.Id == c.ArticleId && a.Slug == slug))
                .Select(c => new { c.Slug, Points = c.Series.SelectMany(s => s.Points).Count() }).ToListAsync(ct));
            Assert.InRange(charts.Count, 2, 4);
            Assert.All(charts, c => Assert.True(c.Points >= 8, $"{c.Slug} has {c.Points} points"));
            var html = await staff.GetStringAsync($"/articles/{slug}", ct);
            Assert.DoesNotContain("chart-missing", html);
            Assert.All(charts, c => Assert.Contains($"id=\"chart-{c.Slug}\"", html));
        }
    }
}
