using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Masthead.Site.Charts;

namespace Masthead.Content.Charts;

public sealed record PointData(DateOnly Date, decimal Value);

public sealed record SeriesData(string Name, string Unit, string Source, string? SourceUrl, IReadOnlyList<PointData> Points)
{
    /// <summary>The series as the legend and the table's heading name it: with its unit.</summary>
    public string Label => Unit.Length == 0 ? Name : $"{Name} ({Unit})";
}

/// <summary>A chart as pages, images and email draw it: read once, immutable, so it can be remembered.</summary>
public sealed record ChartData(int Id, int ArticleId, string Slug, string Title, string Description, ChartType Type, int Position,
    IReadOnlyList<SeriesData> Series)
{
    /// <summary>Raised when the drawing changes, so images drawn before are not served under the new fingerprint.</summary>
    private const string DesignVersion = "1";

    /// <summary>12 hex digits of a hash of everything the chart draws: its image URLs change exactly when its
    /// data, words or type do, so the images can be cached for ever.</summary>
    /// <remarks>Worked out on each use, not kept: a copy made with <c>with</c> would carry the original's.</remarks>
    public string Fingerprint => ComputeFingerprint();

    public string SvgPath => $"/charts/{Id.ToString(CultureInfo.InvariantCulture)}-{Fingerprint}.svg";
    public string PngPath => $"/charts/{Id.ToString(CultureInfo.InvariantCulture)}-{Fingerprint}.png";

    private string ComputeFingerprint()
    {
        var text = new StringBuilder().Append(DesignVersion).Append('\u001e').Append(Title).Append('\u001e').Append(Description)
            .Append('\u001e').Append((int)Type);
        foreach (var s in Series)
        {
            text.Append('\u001d').Append(s.Name).Append('\u001f').Append(s.Unit).Append('\u001f').Append(s.Source).Append('\u001f').Append(s.SourceUrl);
            foreach (var p in s.Points) text.Append('\u001f').Append(p.Date.DayNumber).Append('=').Append(p.Value.ToString(CultureInfo.InvariantCulture));
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }

    /// <summary>The chart as the shared plot drawing takes it: one category per date any series has.</summary>
    public Plot ToPlot()
    {
        var dates = Series.SelectMany(s => s.Points.Select(p => p.Date)).Distinct().Order().ToList();
        var format = DateFormat(dates);
        var categories = dates.Select(d => d.ToString(format, CultureInfo.InvariantCulture)).ToList();
        var series = Series.Select(s =>
        {
            var byDate = s.Points.ToDictionary(p => p.Date, p => p.Value);
            var values = dates.Select(d => byDate.TryGetValue(d, out var v) ? (double?)(double)v : null).ToList();
            var texts = dates.Select(d => byDate.TryGetValue(d, out var v) ? Number(v) : "–").ToList();
            return new PlotSeries(s.Label, values, texts);
        }).ToList();
        var kind = Type switch { ChartType.Bar => PlotKind.Bar, ChartType.StackedBar => PlotKind.StackedBar, _ => PlotKind.Line };
        return new Plot("chart-" + Slug, Title, Description, kind, "Date", categories, series, v => Number((decimal)v));
    }

    public static string Number(decimal value) => value.ToString("#,##0.##", CultureInfo.InvariantCulture);

    /// <summary>Years when every point is on 1 January, months when every point is on the 1st, else days.</summary>
    private static string DateFormat(IReadOnlyList<DateOnly> dates) =>
        dates.All(d => d.Day == 1 && d.Month == 1) ? "yyyy" : dates.All(d => d.Day == 1) ? "MMM yyyy" : "d MMM yyyy";
}
