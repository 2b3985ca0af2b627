using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Masthead.Site.Charts;

/// <summary>A <see cref="Plot"/> as inline SVG in a figure: no script, no inline style (the CSP forbids both), only
/// presentation attributes and classes. Text and gridlines are currentColor, so they follow the page's ink; series
/// colours come from the chart-cN classes (site.css, lighter in dark mode) over presentation-attribute defaults. The
/// SVG is an image with a title and a description; the exact figures sit under it in a table inside &lt;details&gt;,
/// for screen readers and for copying. The viewBox scales it to any width.</summary>
public static class SvgPlot
{
    /// <summary>Past this many categories a line has no point markers: they would merge into the line.</summary>
    private const int MaxMarkedPoints = 40;

    public static string Render(Plot plot, PlotFrame frame, string? afterSvgHtml = null)
    {
        var e = HtmlEncoder.Default;
        var layout = new PlotLayout(plot, frame);
        var sb = new StringBuilder(4096 + plot.Categories.Count * plot.Series.Count * 48);
        var id = plot.Id;
        sb.Append(CultureInfo.InvariantCulture, $"<figure class=\"chart\" id=\"{id}\"><h3 class=\"chart-title\">{e.Encode(plot.Title)}</h3>");
        if (plot.Series.Count > 1)
        {
            // In HTML, not in the SVG: the legend wraps on a narrow screen instead of shrinking with the drawing.
            sb.Append("<ul class=\"chart-legend\">");
            for (var s = 0; s < plot.Series.Count; s++)
            {
                sb.Append(CultureInfo.InvariantCulture,
                    $"<li><svg class=\"chart-key\" viewBox=\"0 0 10 10\" aria-hidden=\"true\"><rect class=\"{PlotPalette.Class(s)}\" width=\"10\" height=\"10\" fill=\"{PlotPalette.Colour(s)}\" /></svg>{e.Encode(plot.Series[s].Name)}</li>");
            }
            sb.Append("</ul>");
        }
        Svg(sb, layout, e, standalone: false);
        if (afterSvgHtml is not null) sb.Append(afterSvgHtml);
        Table(sb, plot, e);
        sb.Append("</figure>");
        return sb.ToString();
    }

    /// <summary>The plot alone as an SVG document, for the fingerprinted image URL.</summary>
    public static string RenderDocument(Plot plot, PlotFrame frame)
    {
        var sb = new StringBuilder(4096 + plot.Categories.Count * plot.Series.Count * 48);
        Svg(sb, new PlotLayout(plot, frame), HtmlEncoder.Default, standalone: true);
        return sb.ToString();
    }

    private static void Svg(StringBuilder sb, PlotLayout layout, HtmlEncoder e, bool standalone)
    {
        var plot = layout.Plot;
        var frame = layout.Frame;
        var id = plot.Id;
        // A file on its own (an img, a download) names its namespace and brings a white ground for its dark ink.
        sb.Append(CultureInfo.InvariantCulture,
            $"<svg {(standalone ? "xmlns=\"http://www.w3.org/2000/svg\" " : "")}class=\"chart-svg\" role=\"img\" viewBox=\"0 0 {frame.Width} {frame.Height}\" aria-labelledby=\"{id}-title {id}-desc\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{e.Encode(plot.Title)}</title><desc id=\"{id}-desc\">{e.Encode(plot.Description)}</desc>");
        if (standalone) sb.Append(CultureInfo.InvariantCulture, $"<rect width=\"{frame.Width}\" height=\"{frame.Height}\" fill=\"#ffffff\" />");
        foreach (var t in layout.Ticks)
        {
            var y = N(layout.Y(t));
            sb.Append(CultureInfo.InvariantCulture,
                $"<line class=\"chart-grid\" x1=\"{frame.Left}\" x2=\"{frame.Width - frame.Right}\" y1=\"{y}\" y2=\"{y}\" stroke=\"currentColor\" stroke-opacity=\"{(t == 0 ? "0.6" : "0.2")}\" />");
            sb.Append(CultureInfo.InvariantCulture,
                $"<text class=\"chart-axis\" x=\"{frame.Left - 6}\" y=\"{N(layout.Y(t) + frame.FontSize / 3.0)}\" text-anchor=\"end\" font-size=\"{frame.FontSize}\" fill=\"currentColor\">{e.Encode(plot.AxisText(t))}</text>");
        }
        foreach (var i in layout.LabelledCategories)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"<text class=\"chart-axis\" x=\"{N(layout.X(i))}\" y=\"{N(layout.Bottom + frame.FontSize * 1.5)}\" text-anchor=\"middle\" font-size=\"{frame.FontSize}\" fill=\"currentColor\">{e.Encode(plot.Categories[i])}</text>");
        }
        if (plot.Kind == PlotKind.Line) Lines(sb, layout, e);
        else Bars(sb, layout, e);
        sb.Append("</svg>");
    }

    private static void Lines(StringBuilder sb, PlotLayout layout, HtmlEncoder e)
    {
        var plot = layout.Plot;
        for (var s = 0; s < plot.Series.Count; s++)
        {
            var series = plot.Series[s];
            // The line breaks where a value is missing.
            var path = new StringBuilder();
            var pen = false;
            for (var i = 0; i < series.Values.Count; i++)
            {
                if (series.Values[i] is not { } v) { pen = false; continue; }
                path.Append(pen ? 'L' : 'M').Append(N(layout.X(i))).Append(' ').Append(N(layout.Y(v))).Append(' ');
                pen = true;
            }
            if (path.Length > 0)
            {
                sb.Append(CultureInfo.InvariantCulture,
                    $"<path class=\"chart-line {PlotPalette.Class(s)}\" d=\"{path.ToString().TrimEnd()}\" fill=\"none\" stroke=\"{PlotPalette.Colour(s)}\" stroke-width=\"2.5\" />");
            }
            if (series.Values.Count > MaxMarkedPoints) continue;
            for (var i = 0; i < series.Values.Count; i++)
            {
                if (series.Values[i] is not { } v) continue;
                sb.Append(CultureInfo.InvariantCulture,
                    $"<circle class=\"chart-point {PlotPalette.Class(s)}\" cx=\"{N(layout.X(i))}\" cy=\"{N(layout.Y(v))}\" r=\"4\" fill=\"{PlotPalette.Colour(s)}\"><title>{e.Encode(Label(plot, s, i))}</title></circle>");
            }
        }
    }

    private static void Bars(StringBuilder sb, PlotLayout layout, HtmlEncoder e)
    {
        var plot = layout.Plot;
        for (var i = 0; i < plot.Categories.Count; i++)
        {
            foreach (var bar in layout.Bars(i))
            {
                sb.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"chart-bar {PlotPalette.Class(bar.Series)}\" x=\"{N(bar.X)}\" y=\"{N(bar.Top)}\" width=\"{N(bar.Width)}\" height=\"{N(bar.Height)}\" fill=\"{PlotPalette.Colour(bar.Series)}\"><title>{e.Encode(Label(plot, bar.Series, i))}</title></rect>");
            }
        }
    }

    private static string Label(Plot plot, int s, int i) =>
        plot.Series.Count > 1 ? $"{plot.Series[s].Name}, {plot.Categories[i]}: {plot.Series[s].Texts[i]}" : $"{plot.Categories[i]}: {plot.Series[s].Texts[i]}";

    private static void Table(StringBuilder sb, Plot plot, HtmlEncoder e)
    {
        sb.Append(CultureInfo.InvariantCulture,
            $"<details class=\"chart-data\"><summary>{e.Encode(plot.Title)}: data table</summary><table class=\"table\"><caption>{e.Encode(plot.Description)}</caption>");
        sb.Append(CultureInfo.InvariantCulture, $"<thead><tr><th scope=\"col\">{e.Encode(plot.CategoryHeading)}</th>");
        foreach (var series in plot.Series) sb.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{e.Encode(series.Name)}</th>");
        sb.Append("</tr></thead><tbody>");
        for (var i = 0; i < plot.Categories.Count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{e.Encode(plot.Categories[i])}</th>");
            foreach (var series in plot.Series) sb.Append(CultureInfo.InvariantCulture, $"<td>{e.Encode(series.Texts[i])}</td>");
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table></details>");
    }

    /// <summary>A coordinate with one decimal: enough for any screen, and short.</summary>
    private static string N(double v) => Math.Round(v, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
