using System.Globalization;

namespace Masthead.Content.Charts.Admin;

public sealed record ChartFieldsView(string? Title, string? Slug, string? Description, ChartType Type);

/// <summary>One series row of the table editor.</summary>
public sealed class SeriesRow
{
    public string? Name { get; set; }
    public string? Unit { get; set; }
    public string? Source { get; set; }
    public string? SourceUrl { get; set; }
}

/// <summary>One dated row of the table editor: a value per series column.</summary>
public sealed class PointRow
{
    public string? Date { get; set; }
    public List<string?> Values { get; set; } = [];
}

internal static class ChartForms
{
    /// <summary>Empty rows under the data, for adding points without script.</summary>
    public const int BlankRows = 5;

    public static string TypeLabel(ChartType type) => type switch
    {
        ChartType.Bar => "Bar",
        ChartType.StackedBar => "Stacked bar",
        _ => "Line",
    };

    /// <summary>The table editor's rows as series. A series row with no name is dropped with its column; a point row
    /// with no date and no values is ignored. Errors name the row as the editor sees it (1 = first data row).</summary>
    public static IReadOnlyList<SeriesInput> Read(IReadOnlyList<SeriesRow> seriesRows, IReadOnlyList<PointRow> pointRows, List<string> errors)
    {
        var series = new List<(SeriesInput Input, List<PointData> Points, HashSet<DateOnly> Dates)>();
        var columns = new List<int>();
        for (var i = 0; i < seriesRows.Count; i++)
        {
            var row = seriesRows[i];
            var name = row.Name?.Trim() ?? "";
            if (name.Length == 0) continue;
            var url = row.SourceUrl?.Trim() is { Length: > 0 } u ? u : null;
            if (name.Length > 200 || (row.Unit?.Trim().Length ?? 0) > 50 || (row.Source?.Trim().Length ?? 0) > 300 || (url?.Length ?? 0) > 500)
                errors.Add($"Series {i + 1}: name (200), unit (50), source (300) or address (500) is too long.");
            if (url is not null && !ChartStore.IsWebAddress(url)) errors.Add($"Series {i + 1}: the source address must start with http:// or https://.");
            series.Add((new SeriesInput(name, row.Unit?.Trim() ?? "", row.Source?.Trim() ?? "", url, []), [], []));
            columns.Add(i);
        }
        for (var r = 0; r < pointRows.Count; r++)
        {
            var row = pointRows[r];
            var dateText = row.Date?.Trim() ?? "";
            var values = columns.Select(c => c < row.Values.Count ? row.Values[c]?.Trim() ?? "" : "").ToList();
            if (dateText.Length == 0 && values.All(v => v.Length == 0)) continue;
            if (!ChartCsv.TryDate(dateText, out var date)) { errors.Add($"Row {r + 1}: “{dateText}” is not a date (write 2026-03-31, or 2026-03 for a month)."); continue; }
            for (var s = 0; s < series.Count; s++)
            {
                if (values[s].Length == 0) continue;
                if (!decimal.TryParse(values[s], NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value) || Math.Abs(value) >= 1e14m)
                    errors.Add($"Row {r + 1}, {series[s].Input.Name}: “{values[s]}” is not a number (write 1234.5).");
                else if (!series[s].Dates.Add(date)) errors.Add($"Row {r + 1}: {series[s].Input.Name} already has a value for {date:yyyy-MM-dd}.");
                else series[s].Points.Add(new PointData(date, value));
            }
        }
        return series.Select(s => s.Input with { Points = [.. s.Points.OrderBy(p => p.Date)] }).ToList();
    }
}
