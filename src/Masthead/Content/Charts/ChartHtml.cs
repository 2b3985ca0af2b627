using System.Text;
using System.Text.Encodings.Web;
using Masthead.Site.Charts;

namespace Masthead.Content.Charts;

/// <summary>A chart as the reader page shows it: the shared SVG figure in the article frame, with the sources of
/// its series under the drawing.</summary>
public static class ChartHtml
{
    public static string Figure(ChartData chart) => SvgPlot.Render(chart.ToPlot(), PlotFrame.Article, Sources(chart));

    /// <summary>The chart as a standalone SVG file (the fingerprinted /charts/….svg image).</summary>
    public static string Image(ChartData chart) => SvgPlot.RenderDocument(chart.ToPlot(), PlotFrame.Article);

    public static byte[] Png(ChartData chart) => PngPlot.Render(chart.ToPlot(), PlotFrame.Article);

    /// <summary>"Source: A; B", each linked where it has an address; nothing when no series names one.</summary>
    public static string Sources(ChartData chart)
    {
        var e = HtmlEncoder.Default;
        var sources = chart.Series.Where(s => s.Source.Length > 0).DistinctBy(s => (s.Source, s.SourceUrl)).ToList();
        if (sources.Count == 0) return "";
        var sb = new StringBuilder("<p class=\"chart-source\">Source: ");
        for (var i = 0; i < sources.Count; i++)
        {
            if (i > 0) sb.Append("; ");
            var s = sources[i];
            if (s.SourceUrl is { } url) sb.Append("<a href=\"").Append(e.Encode(url)).Append("\" rel=\"noopener noreferrer\">").Append(e.Encode(s.Source)).Append("</a>");
            else sb.Append(e.Encode(s.Source));
        }
        return sb.Append(".</p>").ToString();
    }

    /// <summary>Plain text for email: the title, the figures as lines, and the sources.</summary>
    public static string Text(ChartData chart)
    {
        var plot = chart.ToPlot();
        var sb = new StringBuilder().Append(chart.Title).Append('\n').Append(chart.Description).Append('\n');
        for (var i = 0; i < plot.Categories.Count; i++)
        {
            sb.Append(plot.Categories[i]).Append(": ")
                .AppendJoin("; ", plot.Series.Select(s => $"{s.Name} {s.Texts[i]}")).Append('\n');
        }
        var sources = string.Join("; ", chart.Series.Select(s => s.Source).Where(s => s.Length > 0).Distinct());
        if (sources.Length > 0) sb.Append("Source: ").Append(sources).Append('\n');
        return sb.ToString();
    }
}
