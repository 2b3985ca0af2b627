using Masthead.Site.Charts;
using Microsoft.AspNetCore.Html;

namespace Masthead.Billing.Metrics;

/// <summary>One point of a chart; a null value (nothing to measure, e.g. no trial ended that month) draws no point.</summary>
public sealed record ChartPoint(string Label, long? Value, string Text);

/// <summary>The billing dashboard's line charts: one series over months or weeks, drawn by the site's shared
/// <see cref="SvgPlot"/> (the trend reports' charts use it too) in the dashboard's wide frame.</summary>
public static class SvgChart
{
    public static IHtmlContent Line(string id, string title, string description, IReadOnlyList<ChartPoint> points, Func<long, string> axisText)
    {
        var series = new PlotSeries(title, points.Select(p => p.Value is { } v ? (double?)v : null).ToList(), points.Select(p => p.Text).ToList());
        var plot = new Plot(id, title, description, PlotKind.Line, "Period", points.Select(p => p.Label).ToList(), [series],
            v => axisText((long)Math.Round(v)));
        return new HtmlString(SvgPlot.Render(plot, PlotFrame.Dashboard));
    }
}
