using System.Globalization;
using System.Net;
using System.Text;

namespace Masthead.Content.Charts.Email;

/// <summary>One chart as the trend report email shows it: the PNG attached inline (<c>cid:</c>), its data table as an
/// HTML table, and, for the text part, the same table as aligned plain text. A long series keeps its most recent
/// <see cref="MaxRows"/> dates in the mail (Gmail clips HTML past about 100 KB) and says where the full table is.</summary>
public static class ChartMailBlock
{
    public const int MaxRows = 60;

    /// <summary>Stable for one drawing (the chart's fingerprint is in it), unique per chart.</summary>
    public static string ContentId(ChartData chart, string host) =>
        $"chart-{chart.Id.ToString(CultureInfo.InvariantCulture)}-{chart.Fingerprint}@{host}";

    public static string FileName(ChartData chart) => chart.Slug + ".png";

    /// <summary>What a reader without images (or with a screen reader) is told the picture shows.</summary>
    public static string AltText(ChartData chart) =>
        chart.Description.Length == 0 ? chart.Title : $"{chart.Title}. {chart.Description}";

    private sealed record Table(IReadOnlyList<string> Headings, IReadOnlyList<(string Date, IReadOnlyList<string> Values)> Rows, int AllRows);

    private static Table TableOf(ChartData chart)
    {
        var plot = chart.ToPlot();
        var first = Math.Max(0, plot.Categories.Count - MaxRows);
        var rows = Enumerable.Range(first, plot.Categories.Count - first)
            .Select(i => (plot.Categories[i], (IReadOnlyList<string>)plot.Series.Select(s => s.Texts[i]).ToList())).ToList();
        return new Table(plot.Series.Select(s => s.Name).ToList(), rows, plot.Categories.Count);
    }

    private static string H(string s) => WebUtility.HtmlEncode(s);

    private const string Cell = "padding:5px 6px;border-bottom:1px solid #ddd6c8;";

    /// <param name="pageUrl">The trend report on the site, where the full table is when the mail shows only the latest rows.</param>
    public static string Html(ChartData chart, string contentId, string pageUrl)
    {
        var table = TableOf(chart);
        var sb = new StringBuilder();
        sb.Append($"""<h2 class="tm-text" style="margin:32px 0 6px;font-size:19px;line-height:1.3;font-weight:bold;color:#1d1d1b;">{H(chart.Title)}</h2>""");
        // A white mat around the picture: the PNG is drawn on white, which then reads as a card in dark mode too.
        sb.Append($"""<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 8px;"><tr><td bgcolor="#ffffff" style="background:#ffffff;padding:6px;border:1px solid #ddd6c8;border-radius:4px;">""");
        sb.Append($"""<img src="cid:{H(contentId)}" width="536" alt="{H(AltText(chart))}" style="display:block;width:100%;max-width:536px;height:auto;border:0;outline:none;text-decoration:none;">""");
        sb.Append("</td></tr></table>");
        if (chart.Description.Length > 0)
            sb.Append($"""<p class="tm-muted" style="margin:0 0 12px;font-size:14px;line-height:1.5;color:#4a4a46;">{H(chart.Description)}</p>""");
        sb.Append("""<table class="tm-text" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse;margin:0 0 8px;font-family:Arial,Helvetica,sans-serif;font-size:13px;line-height:1.4;color:#1d1d1b;">""");
        sb.Append($"""<caption class="tm-muted" style="text-align:left;padding:0 0 6px;font-size:13px;color:#4a4a46;">Data: {H(chart.Title)}</caption>""");
        sb.Append("<thead><tr>").Append($"""<th scope="col" class="tm-rule" style="{Cell}text-align:left;border-bottom:2px solid #bdb5a6;">Date</th>""");
        foreach (var heading in table.Headings)
            sb.Append($"""<th scope="col" class="tm-rule" style="{Cell}text-align:right;border-bottom:2px solid #bdb5a6;">{H(heading)}</th>""");
        sb.Append("</tr></thead><tbody>");
        foreach (var (date, values) in table.Rows)
        {
            sb.Append($"""<tr><th scope="row" class="tm-rule" style="{Cell}text-align:left;font-weight:normal;white-space:nowrap;">{H(date)}</th>""");
            foreach (var value in values) sb.Append($"""<td class="tm-rule" style="{Cell}text-align:right;white-space:nowrap;">{H(value)}</td>""");
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table>");
        if (table.Rows.Count < table.AllRows)
        {
            sb.Append($"""<p class="tm-muted" style="margin:0 0 8px;font-size:13px;line-height:1.5;color:#4a4a46;">The latest {table.Rows.Count} of {table.AllRows} dates. <a class="tm-link" href="{H(pageUrl)}" style="color:#7a1f1f;">The full table is on the site.</a></p>""");
        }
        if (SourcesLine(chart) is { } sources)
            sb.Append($"""<p class="tm-muted" style="margin:0 0 8px;font-size:13px;line-height:1.5;color:#4a4a46;">{H(sources)}</p>""");
        return sb.ToString();
    }

    /// <summary>The title, the description, each series with its unit and source, then the table with the dates on the
    /// left and the values right-aligned under their series, so the figures line up in a fixed-width font.</summary>
    public static string Text(ChartData chart, string pageUrl)
    {
        var table = TableOf(chart);
        var sb = new StringBuilder();
        sb.Append(chart.Title).Append('\n').Append(new string('-', Math.Min(chart.Title.Length, 72))).Append('\n');
        if (chart.Description.Length > 0) sb.Append(chart.Description).Append('\n');
        sb.Append('\n');
        foreach (var s in chart.Series)
        {
            sb.Append("  ").Append(s.Name).Append(s.Unit.Length > 0 ? $", in {s.Unit}" : "")
                .Append(s.Source.Length > 0 ? $". Source: {s.Source}" : "").Append(s.SourceUrl is { } url ? $" <{url}>" : "").Append('\n');
        }
        sb.Append('\n');
        var widths = new int[table.Headings.Count + 1];
        widths[0] = Math.Max("Date".Length, table.Rows.Select(r => r.Date.Length).DefaultIfEmpty(0).Max());
        for (var c = 0; c < table.Headings.Count; c++)
            widths[c + 1] = Math.Max(table.Headings[c].Length, table.Rows.Select(r => r.Values[c].Length).DefaultIfEmpty(0).Max());
        void Line(string first, IEnumerable<string> rest)
        {
            sb.Append(first.PadRight(widths[0]));
            var c = 1;
            foreach (var cell in rest) sb.Append("  ").Append(cell.PadLeft(widths[c++]));
            sb.Append('\n');
        }
        Line("Date", table.Headings);
        Line(new string('-', widths[0]), widths.Skip(1).Select(w => new string('-', w)));
        foreach (var (date, values) in table.Rows) Line(date, values);
        if (table.Rows.Count < table.AllRows) sb.Append($"(The latest {table.Rows.Count} of {table.AllRows} dates; the full table: {pageUrl})\n");
        return sb.ToString();
    }

    private static string? SourcesLine(ChartData chart)
    {
        var sources = chart.Series.Select(s => s.Source).Where(s => s.Length > 0).Distinct().ToList();
        return sources.Count == 0 ? null : $"Source: {string.Join("; ", sources)}.";
    }
}
