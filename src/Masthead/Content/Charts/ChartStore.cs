using Masthead.Data;
using Masthead.Site;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Content.Charts;

/// <summary>What the chart form edits (never the entity: bound from the form and copied here field by field).</summary>
public sealed record ChartFields(string? Title, string? Slug, string? Description, ChartType Type, int Position);

/// <summary>The outcome of a change: the chart's id, or the errors by field ("" for the whole form).</summary>
public sealed record ChartSaveResult(int? ChartId, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>Every change to a chart goes through here: checked whole first, then saved in one SaveChanges (so a
/// rejected table or CSV file changes nothing), then the pages' caches evicted so readers see the new data.</summary>
public sealed class ChartStore(MastheadDb db, TimeProvider time, IOutputCacheStore cache)
{
    public const int MaxPointsPerSeries = 5000;

    public async Task<ChartSaveResult> CreateAsync(int articleId, ChartFields fields, CancellationToken ct)
    {
        if (!await db.Articles.AnyAsync(a => a.Id == articleId, ct)) return Fail("", "This article no longer exists.");
        var errors = await CheckAsync(null, fields, ct);
        if (errors.Count > 0) return new(null, errors);
        var chart = new Chart { ArticleId = articleId, Slug = "", Title = "" };
        Copy(chart, fields);
        db.Charts.Add(chart);
        await SaveAsync(ct);
        return new(chart.Id, errors);
    }

    /// <summary>Saves the form and the table editor together: the fields and the series replace what was stored.</summary>
    public async Task<ChartSaveResult> UpdateAsync(int chartId, ChartFields fields, IReadOnlyList<SeriesInput> series,
        IReadOnlyDictionary<string, string> tableErrors, CancellationToken ct)
    {
        if (await db.Charts.Include(c => c.Series).FirstOrDefaultAsync(c => c.Id == chartId, ct) is not { } chart)
            return Fail("", "This chart no longer exists.");
        var errors = await CheckAsync(chartId, fields, ct);
        foreach (var (key, message) in tableErrors) errors[key] = message;
        CheckSeries(series, errors);
        if (errors.Count > 0) return new(chartId, errors);
        Copy(chart, fields);
        Replace(chart, series);
        await SaveAsync(ct);
        return new(chartId, errors);
    }

    /// <summary>Replaces the chart's series with a clean CSV file's. A series the file gives no unit or source keeps
    /// the one it had under the same name.</summary>
    public async Task<ChartSaveResult> ImportAsync(int chartId, CsvImport import, CancellationToken ct)
    {
        if (await db.Charts.Include(c => c.Series).FirstOrDefaultAsync(c => c.Id == chartId, ct) is not { } chart)
            return Fail("", "This chart no longer exists.");
        if (!import.Succeeded) return new(chartId, new Dictionary<string, string> { [""] = string.Join("\n", import.Errors) });
        var kept = chart.Series.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var series = import.Series.Select(s => kept.TryGetValue(s.Name, out var old)
            ? s with { Unit = s.Unit.Length > 0 ? s.Unit : old.Unit, Source = s.Source.Length > 0 ? s.Source : old.Source, SourceUrl = s.SourceUrl ?? old.SourceUrl }
            : s).ToList();
        var errors = new Dictionary<string, string>();
        CheckSeries(series, errors);
        if (errors.Count > 0) return new(chartId, errors);
        Replace(chart, series);
        await SaveAsync(ct);
        return new(chartId, errors);
    }

    public async Task<int?> DeleteAsync(int chartId, CancellationToken ct)
    {
        if (await db.Charts.FirstOrDefaultAsync(c => c.Id == chartId, ct) is not { } chart) return null;
        db.Charts.Remove(chart);
        await db.SaveChangesAsync(ct);
        await cache.EvictByTagAsync(SiteModule.ContentCacheTag, ct);
        return chart.ArticleId;
    }

    public static bool IsWebAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private async Task<Dictionary<string, string>> CheckAsync(int? chartId, ChartFields f, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var title = f.Title?.Trim() ?? "";
        if (title.Length == 0) errors["Title"] = "Enter the chart's title.";
        else if (title.Length > 300) errors["Title"] = "Keep the title under 300 characters.";
        if ((f.Description?.Trim() ?? "").Length is 0) errors["Description"] = "Describe what the chart shows, for readers who cannot see it.";
        else if (f.Description!.Trim().Length > 1000) errors["Description"] = "Keep the description under 1,000 characters.";
        if (!Enum.IsDefined(f.Type)) errors["Type"] = "Choose line, bar or stacked bar.";
        var (_, slugError) = await Content.Admin.SlugField.CheckAsync(f.Slug, title, s => db.Charts.AnyAsync(c => c.Slug == s && c.Id != (chartId ?? 0), ct));
        if (slugError is not null) errors["Slug"] = slugError;
        // A short code takes digits alone for the chart's number.
        else if (f.Slug?.Trim() is { Length: > 0 } entered && entered.All(char.IsAsciiDigit)) errors["Slug"] = "A chart's slug needs at least one letter: digits alone name a chart by its number.";
        return errors;
    }

    private static void CheckSeries(IReadOnlyList<SeriesInput> series, Dictionary<string, string> errors)
    {
        if (series.Count > ChartCsv.MaxSeries) errors["Series"] = $"A chart has at most {ChartCsv.MaxSeries} series.";
        var names = series.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (names is not null) errors["Series"] = $"Two series are called “{names.Key}”: give each its own name.";
        if (series.FirstOrDefault(s => s.Points.Count > MaxPointsPerSeries) is { } big)
            errors["Series"] = $"{big.Name} has {big.Points.Count:N0} points; a series has at most {MaxPointsPerSeries:N0}.";
    }

    private void Copy(Chart chart, ChartFields f)
    {
        var title = f.Title!.Trim();
        chart.Title = title;
        chart.Slug = string.IsNullOrWhiteSpace(f.Slug) ? Slug.From(title) : f.Slug.Trim();
        chart.Description = f.Description!.Trim();
        chart.Type = f.Type;
        chart.Position = f.Position;
        chart.UpdatedAt = time.GetUtcNow().UtcDateTime;
    }

    private void Replace(Chart chart, IReadOnlyList<SeriesInput> series)
    {
        db.ChartSeries.RemoveRange(chart.Series);
        chart.Series = series.Select((s, i) => new ChartSeries
        {
            Name = s.Name, Unit = s.Unit, Source = s.Source, SourceUrl = s.SourceUrl, Position = i,
            Points = s.Points.Select(p => new SeriesPoint { Date = p.Date, Value = p.Value }).ToList(),
        }).ToList();
        chart.UpdatedAt = time.GetUtcNow().UtcDateTime;
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        await cache.EvictByTagAsync(SiteModule.ContentCacheTag, ct);
    }

    private static ChartSaveResult Fail(string key, string message) => new(null, new Dictionary<string, string> { [key] = message });
}
