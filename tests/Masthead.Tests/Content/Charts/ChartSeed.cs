using Masthead.Content.Charts;
using Masthead.Tests.Support;

namespace Masthead.Tests.Content.Charts;

internal static class ChartSeed
{
    /// <summary>A chart of <paramref name="articleId"/> with two monthly series, written straight to the database.</summary>
    public static Task<Chart> CreateChartAsync(this TestApp app, int articleId, string slug, string description = "Monthly throughput at two ports.",
        ChartType type = ChartType.Line) => app.WithDbAsync(async db =>
    {
        var chart = new Chart
        {
            ArticleId = articleId, Slug = slug, Title = "Container throughput", Description = description, Type = type,
            Series =
            [
                new ChartSeries { Name = "Jebel Ali", Unit = "k TEU", Source = "Port authority", Position = 0,
                    Points = [new() { Date = new(2026, 1, 1), Value = 1234.5m }, new() { Date = new(2026, 2, 1), Value = 1180m }] },
                new ChartSeries { Name = "Khalifa", Unit = "k TEU", Source = "AD Ports", Position = 1,
                    Points = [new() { Date = new(2026, 1, 1), Value = 410m }, new() { Date = new(2026, 2, 1), Value = 452.25m }] },
            ],
        };
        db.Charts.Add(chart);
        await db.SaveChangesAsync();
        return chart;
    });
}
