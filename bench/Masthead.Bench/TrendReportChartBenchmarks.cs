using BenchmarkDotNet.Attributes;
using Masthead.Content.Charts;
using Masthead.Site;
using Microsoft.Extensions.Options;

namespace Masthead.Bench;

/// <summary>A trend report page's charts: six charts of 500 points each (two series of 250 dates, the point markers
/// off as on any series past 40 points). FirstRender is what ChartEmbeds does on a memo miss after its query: every
/// figure drawn into the body. Cached is every request after it: the ContentMemo lookup that returns the drawn body.
/// Png is the email's images, drawn once per fingerprint and then served from ChartImages.</summary>
[MemoryDiagnoser]
public class TrendReportChartBenchmarks
{
    private ChartData[] _charts = [];
    private ContentMemo _memo = null!;
    private const string Body = "<p>Summary of the report.</p>";

    [GlobalSetup]
    public void Setup()
    {
        var types = new[] { ChartType.Line, ChartType.Line, ChartType.Bar, ChartType.StackedBar, ChartType.Line, ChartType.Bar };
        _charts = types.Select((type, c) => new ChartData(c + 1, 1, $"chart-{c}", $"Chart {c}", "Two series over 250 days.", type, c,
            Enumerable.Range(0, 2).Select(s => new SeriesData($"Series {s}", "k TEU", "Port statements", null,
                Enumerable.Range(0, 250).Select(i => new PointData(new DateOnly(2025, 1, 1).AddDays(i), 1000 + s * 200 + (decimal)Math.Round(80 * Math.Sin(i / 9.0), 1))).ToList()))
                .ToList())).ToArray();
        _memo = new ContentMemo(Options.Create(new SiteOptions { OutputCacheSeconds = 600 }), TimeProvider.System);
        _memo.GetAsync("chart-body:1|Pro", _ => Task.FromResult<string?>(FirstRender()), CancellationToken.None).GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public string FirstRender() => Body + string.Concat(_charts.Select(ChartHtml.Figure));

    [Benchmark]
    public Task<string?> Cached() => _memo.GetAsync("chart-body:1|Pro", _ => Task.FromResult<string?>(FirstRender()), CancellationToken.None);

    [Benchmark]
    public int Png() => _charts.Sum(c => ChartHtml.Png(c).Length);
}
