using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Masthead.Billing.Metrics;

/// <summary>One point of a chart; a null value (nothing to measure, e.g. no trial ended that month) draws no point.</summary>
public sealed record ChartPoint(string Label, long? Value, string Text);

/// <summary>Server-drawn line charts as inline SVG: no script, no inline style (the CSP forbids both), only
/// presentation attributes and classes from admin.css. The SVG is an image with a title and a description;
/// the exact figures sit beside it in a table inside &lt;details&gt; for screen readers and for copying.</summary>
public static class SvgChart
{
    // Right leaves half of the widest month label ("Dec 2026") beyond the last point.
    private const int Width = 640, Height = 240, Left = 72, Right = 40, Top = 16, Bottom = 40;

    public static IHtmlContent Line(string id, string title, string description, IReadOnlyList<ChartPoint> points, Func<long, string> axisText)
    {
        var e = HtmlEncoder.Default;
        var max = Math.Max(1, points.Max(p => p.Value ?? 0));
        var min = Math.Min(0, points.Min(p => p.Value ?? 0));
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        var step = points.Count > 1 ? plotW / (points.Count - 1) : 0;
        int X(int i) => Left + i * step;
        int Y(long v) => Top + (int)((max - v) * plotH / (max - min));

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"<figure class=\"chart\" id=\"{id}\"><h3 class=\"chart-title\">{e.Encode(title)}</h3><svg class=\"chart-svg\" role=\"img\" viewBox=\"0 0 {Width} {Height}\" aria-labelledby=\"{id}-title {id}-desc\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{e.Encode(title)}</title><desc id=\"{id}-desc\">{e.Encode(description)}</desc>");
        // Axes and the top/zero gridlines with their values.
        foreach (var v in new[] { max, min }.Distinct())
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"<line class=\"chart-grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(v)}\" y2=\"{Y(v)}\" stroke=\"#c8c8c8\" />");
            sb.Append(CultureInfo.InvariantCulture,
                $"<text class=\"chart-axis\" x=\"{Left - 6}\" y=\"{Y(v) + 4}\" text-anchor=\"end\" font-size=\"12\" fill=\"#333\">{e.Encode(axisText(v))}</text>");
        }
        for (var i = 0; i < points.Count; i++)
        {
            // Every other label, so twelve months fit without overlapping.
            if (i % 2 != (points.Count - 1) % 2) continue;
            sb.Append(CultureInfo.InvariantCulture,
                $"<text class=\"chart-axis\" x=\"{X(i)}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#333\">{e.Encode(points[i].Label)}</text>");
        }
        // The line breaks where a value is missing.
        var path = new StringBuilder();
        var pen = false;
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is not { } v) { pen = false; continue; }
            path.Append(CultureInfo.InvariantCulture, $"{(pen ? "L" : "M")}{X(i)} {Y(v)} ");
            pen = true;
        }
        if (path.Length > 0)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"<path class=\"chart-line\" d=\"{path.ToString().TrimEnd()}\" fill=\"none\" stroke=\"#1a4f8a\" stroke-width=\"2\" />");
        }
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is not { } v) continue;
            sb.Append(CultureInfo.InvariantCulture,
                $"<circle class=\"chart-point\" cx=\"{X(i)}\" cy=\"{Y(v)}\" r=\"4\" fill=\"#1a4f8a\"><title>{e.Encode(points[i].Label)}: {e.Encode(points[i].Text)}</title></circle>");
        }
        sb.Append("</svg>");
        sb.Append(CultureInfo.InvariantCulture,
            $"<details class=\"chart-data\"><summary>{e.Encode(title)}: data table</summary><table class=\"table\"><caption>{e.Encode(description)}</caption>");
        sb.Append("<thead><tr><th scope=\"col\">Period</th><th scope=\"col\">Value</th></tr></thead><tbody>");
        foreach (var p in points)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{e.Encode(p.Label)}</th><td>{e.Encode(p.Text)}</td></tr>");
        }
        sb.Append("</tbody></table></details></figure>");
        return new HtmlString(sb.ToString());
    }
}
