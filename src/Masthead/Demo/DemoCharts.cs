using Masthead.Content.Charts;

namespace Masthead.Demo;

/// <summary>The demo trend reports' charts (Demo/Articles/trend-gulf-container-throughput.md and
/// trend-brent-lng-spreads.md place them by short code). The figures are written for the project: smooth trends with
/// a seasonal swing and a fixed pseudo-random wobble, real-looking but not any publisher's data.</summary>
internal static class DemoCharts
{
    private static readonly DateOnly Start = new(2024, 1, 1);
    private const int Months = 24;

    public static IReadOnlyList<(string ArticleSlug, Chart Chart)> All(DateTime now)
    {
        var ports = new (string Name, double Base, double Growth)[]
        {
            ("Jebel Ali", 1180, 0.0045), ("Khalifa", 420, 0.009), ("King Abdulaziz, Dammam", 205, 0.008), ("Sohar", 95, 0.001), ("Hamad", 130, 0.0015),
        };
        var brent = Monthly(i => 78 + 6 * Math.Sin(i / 3.5) - i * 0.12, seed: 3);
        var jkm = Monthly(i => 12.5 + 3.2 * Math.Cos(i * Math.PI / 6) + (i is 11 or 12 ? 2.8 : 0) - i * 0.05, seed: 7);
        return
        [
            ("trend-gulf-container-throughput", Build("gulf-teu-by-port", "Monthly container throughput at five Gulf ports",
                "Thousands of twenty-foot equivalent units (TEU) handled each month, January 2024 to December 2025. Jebel Ali stays far ahead; Khalifa and Dammam grow fastest.",
                ChartType.Line, 0, now,
                ports.Select((p, s) => (p.Name, "k TEU", "Port statements, compiled by The Levant Ledger",
                    Monthly(i => p.Base * Math.Pow(1 + p.Growth, i) * (1 + 0.04 * Math.Sin((i + s) * Math.PI / 6)), seed: s + 11))).ToArray())),
            ("trend-gulf-container-throughput", Build("gulf-teu-growth-share", "Quarterly throughput, hubs and feeders",
                "Thousands of TEU per quarter, stacked: the two hubs (Jebel Ali and Khalifa) against the three smaller ports, 2024 and 2025. The hubs take almost all of the growth.",
                ChartType.StackedBar, 1, now,
                ("Hubs", "k TEU", "Port statements, compiled by The Levant Ledger", Quarterly(q => 4700 + q * 95)),
                ("Feeders", "k TEU", "Port statements, compiled by The Levant Ledger", Quarterly(q => 1290 + q * 8)))),
            ("trend-brent-lng-spreads", Build("brent-vs-jkm", "Brent crude and spot LNG in north-east Asia",
                "Monthly averages, January 2024 to December 2025: Brent in dollars per barrel, spot LNG in dollars per million British thermal units. They no longer move together.",
                ChartType.Line, 0, now,
                ("Brent", "$/bbl", "Exchange settlement prices, monthly average", brent),
                ("Spot LNG, NE Asia", "$/MMBtu", "Assessed spot cargo prices, monthly average", jkm))),
            ("trend-brent-lng-spreads", Build("oil-indexed-lng-spread", "Oil-indexed LNG price minus spot",
                "Dollars per million British thermal units each month: 12% of Brent (a common legacy contract slope) minus the spot price. Above zero, spot cargoes are cheaper than oil-linked ones.",
                ChartType.Bar, 1, now,
                ("Oil-indexed minus spot", "$/MMBtu", "The Levant Ledger calculation from the series above",
                    brent.Zip(jkm, (b, j) => (b.Date, Math.Round(b.Value * 0.12m - j.Value, 2))).ToList()))),
        ];
    }

    private static Chart Build(string slug, string title, string description, ChartType type, int position, DateTime now,
        params (string Name, string Unit, string Source, List<(DateOnly Date, decimal Value)> Points)[] series) => new()
    {
        Slug = slug, Title = title, Description = description, Type = type, Position = position, UpdatedAt = now,
        Series = series.Select((s, i) => new ChartSeries
        {
            Name = s.Name, Unit = s.Unit, Source = s.Source, Position = i,
            Points = s.Points.Select(p => new SeriesPoint { Date = p.Date, Value = p.Value }).ToList(),
        }).ToList(),
    };

    private static List<(DateOnly Date, decimal Value)> Monthly(Func<int, double> trend, int seed)
    {
        var wobble = new Random(seed);
        return Enumerable.Range(0, Months).Select(i => (Start.AddMonths(i), (decimal)Math.Round(trend(i) * (1 + (wobble.NextDouble() - 0.5) * 0.03), 1))).ToList();
    }

    private static List<(DateOnly Date, decimal Value)> Quarterly(Func<int, double> trend) =>
        Enumerable.Range(0, Months / 3).Select(q => (Start.AddMonths(q * 3), (decimal)Math.Round(trend(q)))).ToList();
}
