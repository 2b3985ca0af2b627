using Masthead.Admin;
using Masthead.Data;
using Masthead.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Content.Admin.Pages;

internal sealed class AuthorsModel(MastheadDb db, IOutputCacheStore cache) : PageModel
{
    public sealed record Row(int Id, string Name, string Slug, string? Title, int Articles);

    public List<Row> Rows { get; private set; } = [];
    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(string? notice, CancellationToken ct)
    {
        Notice = AdminNotices.For(notice);
        await LoadAsync(ct);
    }

    /// <summary>An author with articles is refused: removing a byline silently would misattribute reporting.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var author = await db.Authors.Where(a => a.Id == id).Select(a => new { a.Name, Articles = a.Articles.Count }).FirstOrDefaultAsync(ct);
        if (author is null) return NotFound();
        if (author.Articles > 0)
        {
            Error = $"{author.Name} is on the byline of {author.Articles} article{(author.Articles == 1 ? "" : "s")}, so they were not deleted. Remove them from those bylines first.";
            await LoadAsync(ct);
            return Page();
        }
        await db.Authors.Where(a => a.Id == id).ExecuteDeleteAsync(ct);
        await cache.EvictByTagAsync(SiteModule.ContentCacheTag, ct);
        return Redirect("/admin/authors?notice=deleted");
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Rows = await db.Authors.AsNoTracking().OrderBy(a => a.Name)
            .Select(a => new Row(a.Id, a.Name, a.Slug, a.Title, a.Articles.Count)).ToListAsync(ct);
}
