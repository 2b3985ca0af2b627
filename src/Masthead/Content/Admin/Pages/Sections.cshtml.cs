using Masthead.Admin;
using Masthead.Data;
using Masthead.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Content.Admin.Pages;

internal sealed class SectionsModel(MastheadDb db, IOutputCacheStore cache) : PageModel
{
    public sealed record Row(int Id, string Name, string Slug, int Position, int Articles);

    public List<Row> Rows { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task OnGetAsync(string? notice, CancellationToken ct)
    {
        Notice = AdminNotices.For(notice);
        Rows = await db.Sections.AsNoTracking().OrderBy(s => s.Position).ThenBy(s => s.Name)
            .Select(s => new Row(s.Id, s.Name, s.Slug, s.Position, db.Articles.Count(a => a.SectionId == s.Id)))
            .ToListAsync(ct);
    }

    /// <summary>Deleting a section detaches its articles (they keep everything else and show no section).</summary>
    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (!await db.Sections.AnyAsync(s => s.Id == id, ct)) return NotFound();
        var detached = await db.Articles.Where(a => a.SectionId == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.SectionId, (int?)null), ct);
        await db.Sections.Where(s => s.Id == id).ExecuteDeleteAsync(ct);
        await cache.EvictByTagAsync(SiteModule.ContentCacheTag, ct);
        return Redirect("/admin/sections?notice=" + (detached > 0 ? "detached" : "deleted"));
    }
}
