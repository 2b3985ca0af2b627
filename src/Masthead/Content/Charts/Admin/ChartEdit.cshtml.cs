using Masthead.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Content.Charts.Admin;

/// <summary>One chart: its fields, the table editor (series and dated points, plain form rows), a CSV import, a
/// preview as readers will see it, and deletion. A rejected save or import keeps nothing and says why.</summary>
internal sealed class ChartEditModel(MastheadDb db, ChartQueries queries, ChartStore store) : PageModel
{
    public const long MaxCsvBytes = 2 * 1024 * 1024;

    public sealed record ChartInput
    {
        public string? Title { get; set; }
        public string? Slug { get; set; }
        public string? Description { get; set; }
        public ChartType Type { get; set; }
        public int Position { get; set; }
    }

    [BindProperty] public ChartInput Input { get; set; } = new();
    [BindProperty] public List<SeriesRow> Series { get; set; } = [];
    [BindProperty] public List<PointRow> Rows { get; set; } = [];
    public ChartData? Chart { get; private set; }
    public string ArticleTitle { get; private set; } = "";
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? notice, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        FillFromChart();
        Notice = notice == "imported" ? "Imported: the chart below shows the file's data." : Masthead.Admin.AdminNotices.For(notice);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        var tableErrors = new List<string>();
        var series = ChartForms.Read(Series, Rows, tableErrors);
        var result = await store.UpdateAsync(id, new ChartFields(Input.Title, Input.Slug, Input.Description, Input.Type, Input.Position), series,
            tableErrors.Count == 0 ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Table"] = string.Join("\n", tableErrors) }, ct);
        if (result.Succeeded) return Redirect($"/admin/charts/{id}?notice=saved");
        Reject(result);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(int id, IFormFile? csv, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        FillFromChart();
        if (csv is not { Length: > 0 }) { Problems = ["Choose a CSV file to import."]; return Page(); }
        if (csv.Length > MaxCsvBytes) { Problems = ["The file is larger than 2 MB; nothing was imported."]; return Page(); }
        using var reader = new StreamReader(csv.OpenReadStream());
        var result = await store.ImportAsync(id, ChartCsv.Read(reader), ct);
        if (result.Succeeded) return Redirect($"/admin/charts/{id}?notice=imported");
        Problems = result.Errors.Values.SelectMany(v => v.Split('\n')).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct) =>
        await store.DeleteAsync(id, ct) is { } articleId ? Redirect($"/admin/articles/{articleId}/charts?notice=deleted") : NotFound();

    private void Reject(ChartSaveResult result)
    {
        var problems = new List<string>();
        foreach (var (key, message) in result.Errors)
        {
            if (key is "Title" or "Slug" or "Description" or "Type") ModelState.AddModelError("Input." + key, message);
            else problems.AddRange(message.Split('\n'));
        }
        Problems = problems;
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await queries.FindAsync(id, ct) is not { } found) return false;
        Chart = found.Chart;
        ArticleTitle = await db.Articles.AsNoTracking().Where(a => a.Id == Chart.ArticleId).Select(a => a.Title).FirstAsync(ct);
        return true;
    }

    /// <summary>The stored chart in the form: its series, one row per date any series has, and room to add.</summary>
    private void FillFromChart()
    {
        var chart = Chart!;
        Input = new ChartInput { Title = chart.Title, Slug = chart.Slug, Description = chart.Description, Type = chart.Type, Position = chart.Position };
        Series = chart.Series.Select(s => new SeriesRow { Name = s.Name, Unit = s.Unit, Source = s.Source, SourceUrl = s.SourceUrl }).ToList();
        Series.Add(new SeriesRow());
        var byDate = chart.Series.Select(s => s.Points.ToDictionary(p => p.Date, p => p.Value)).ToList();
        Rows = chart.Series.SelectMany(s => s.Points.Select(p => p.Date)).Distinct().Order()
            .Select(d => new PointRow
            {
                Date = d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                Values = byDate.Select(m => m.TryGetValue(d, out var v) ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : null).Append(null).ToList(),
            }).ToList();
        for (var i = 0; i < ChartForms.BlankRows; i++) Rows.Add(new PointRow());
    }
}
