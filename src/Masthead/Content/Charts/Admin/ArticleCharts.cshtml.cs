using Masthead.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Content.Charts.Admin;

/// <summary>An article's charts: the list with each one's short code, and the form that adds one.</summary>
internal sealed class ArticleChartsModel(MastheadDb db, ChartQueries queries, ChartStore store) : PageModel
{
    public sealed record NewChartInput
    {
        public string? Title { get; set; }
        public string? Slug { get; set; }
        public string? Description { get; set; }
        public ChartType Type { get; set; }
    }

    [BindProperty] public NewChartInput Input { get; set; } = new();
    public int ArticleId { get; private set; }
    public string ArticleTitle { get; private set; } = "";
    public IReadOnlyList<ChartData> Charts { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? notice, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Notice = Masthead.Admin.AdminNotices.For(notice);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        var result = await store.CreateAsync(id, new ChartFields(Input.Title, Input.Slug, Input.Description, Input.Type, Charts.Count), ct);
        if (result.Succeeded) return Redirect($"/admin/charts/{result.ChartId}?notice=saved");
        foreach (var (key, message) in result.Errors) ModelState.AddModelError(key.Length == 0 ? "" : "Input." + key, message);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await db.Articles.AsNoTracking().Where(a => a.Id == id).Select(a => a.Title).FirstOrDefaultAsync(ct) is not { } title) return false;
        ArticleId = id;
        ArticleTitle = title;
        Charts = await queries.ForArticleAsync(id, ct);
        return true;
    }
}
