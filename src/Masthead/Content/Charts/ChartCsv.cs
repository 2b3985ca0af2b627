using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Masthead.Content.Charts;

/// <summary>A series as an editor gave it (table editor or CSV), before it is saved.</summary>
public sealed record SeriesInput(string Name, string Unit, string Source, string? SourceUrl, IReadOnlyList<PointData> Points);

/// <summary>What reading a CSV file gave: its series, or every problem found, each with its line number.</summary>
public sealed record CsvImport(IReadOnlyList<SeriesInput> Series, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>Reads a chart's data from CSV: one point per row, columns <c>date,series,value</c> (any order, header
/// required, names case-insensitive) and optionally <c>unit</c>, <c>source</c> and <c>source_url</c>, which a series
/// takes from the first row that gives them. Dates are <c>yyyy-MM-dd</c>, or <c>yyyy-MM</c> for a month (its 1st);
/// values are plain decimals with a point (<c>1234.5</c>; quote a value that has thousands separators). Every row is
/// checked and every problem reported with its line, so an editor fixes the file in one pass; nothing of a file with
/// any problem is kept.</summary>
public static class ChartCsv
{
    public const int MaxSeries = 12, MaxPoints = 20_000, MaxErrors = 50;

    public static CsvImport Read(TextReader text)
    {
        var errors = new List<string>();
        var series = new Dictionary<string, (SeriesInput Input, List<PointData> Points, HashSet<DateOnly> Dates, int Line)>(StringComparer.Ordinal);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            MissingFieldFound = null,
            TrimOptions = TrimOptions.Trim,
            BadDataFound = args => errors.Add($"Line {args.Context.Parser?.RawRow}: a quote is not closed or is misplaced."),
            DetectColumnCountChanges = false,
        };
        using var csv = new CsvReader(text, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
            return new CsvImport([], ["Line 1: the file is empty; the first line must name the columns date, series and value."]);
        int Column(string name) => Array.FindIndex(header, h => string.Equals(h.Trim(), name, StringComparison.OrdinalIgnoreCase));
        int date = Column("date"), name = Column("series"), value = Column("value"), unit = Column("unit"), source = Column("source"), url = Column("source_url");
        if (date < 0 || name < 0 || value < 0)
            return new CsvImport([], ["Line 1: the first line must name the columns date, series and value (unit, source and source_url are optional)."]);
        var points = 0;
        while (csv.Read() && errors.Count < MaxErrors)
        {
            var line = csv.Parser.RawRow;
            string Field(int i) => i >= 0 && csv.TryGetField<string>(i, out var f) && f is not null ? f.Trim() : "";
            if (csv.Parser.Record is { } record && record.All(string.IsNullOrWhiteSpace)) continue;
            var seriesName = Field(name);
            var dateText = Field(date);
            var valueText = Field(value);
            var rowErrors = new List<string>();
            if (seriesName.Length == 0) rowErrors.Add("no series name");
            else if (seriesName.Length > 200) rowErrors.Add("the series name is longer than 200 characters");
            DateOnly day = default;
            if (!TryDate(dateText, out day)) rowErrors.Add($"“{dateText}” is not a date (write 2026-03-31, or 2026-03 for a month)");
            decimal number = 0;
            if (!decimal.TryParse(valueText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands | NumberStyles.AllowExponent,
                    CultureInfo.InvariantCulture, out number) || Math.Abs(number) >= 1e14m)
                rowErrors.Add($"“{valueText}” is not a number (write 1234.5)");
            var sourceUrl = Field(url);
            if (sourceUrl.Length > 0 && !ChartStore.IsWebAddress(sourceUrl)) rowErrors.Add("source_url is not an http or https address");
            if (rowErrors.Count > 0)
            {
                errors.Add($"Line {line}: {string.Join("; ", rowErrors)}.");
                continue;
            }
            if (!series.TryGetValue(seriesName, out var entry))
            {
                if (series.Count == MaxSeries) { errors.Add($"Line {line}: a chart has at most {MaxSeries} series."); continue; }
                entry = (new SeriesInput(seriesName, "", "", null, []), [], [], line);
                series[seriesName] = entry;
            }
            var input = entry.Input;
            var (u, s) = (Field(unit), Field(source));
            if (u.Length > 50 || s.Length > 300 || sourceUrl.Length > 500) { errors.Add($"Line {line}: unit (50), source (300) or source_url (500) is too long."); continue; }
            input = input with
            {
                Unit = input.Unit.Length == 0 ? u : input.Unit,
                Source = input.Source.Length == 0 ? s : input.Source,
                SourceUrl = input.SourceUrl ?? (sourceUrl.Length == 0 ? null : sourceUrl),
            };
            series[seriesName] = entry with { Input = input };
            if (!entry.Dates.Add(day)) { errors.Add($"Line {line}: {seriesName} already has a value for {day:yyyy-MM-dd}."); continue; }
            if (++points > MaxPoints) { errors.Add($"Line {line}: a chart has at most {MaxPoints:N0} points."); break; }
            entry.Points.Add(new PointData(day, number));
        }
        if (errors.Count == 0 && series.Count == 0) errors.Add("Line 2: the file has a header but no rows.");
        return new CsvImport(
            errors.Count > 0 ? [] : series.Values.OrderBy(v => v.Line).Select(v => v.Input with { Points = [.. v.Points.OrderBy(p => p.Date)] }).ToList(),
            errors);
    }

    public static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        || DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && text.Length == 7;
}
