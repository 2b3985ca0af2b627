using Masthead.Admin;
using Masthead.Data;
using Masthead.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Content.Admin.Pages;

internal sealed class TagsModel(MastheadDb db, IOutputCacheStore cache) : PageModel
{
    public sealed record Row(int Id, string Name, string Slug, TagKind Kind, int Articles);

    [BindProperty(SupportsGet = true)] public TagKind? Kind { get; set; }
    public List<Row> Rows { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task OnGetAsync(string? notice, CancellationToken ct)
    {
        Notice = AdminNotices.For(notice);
        var query = db.Tags.AsNoTracking();
        if (Kind is { } kind) query = query.Where(t => t.Kind == kind);
        Rows = await query.OrderBy(t => t.Kind).ThenBy(t => t.Name)
            .Select(t => new Row(t.Id, t.Name, t.Slug, t.Kind, t.Articles.Count)).ToListAsync(ct);
    }

    /// <summary>Deleting a tag detaches it from its articles; the articles themselves are untouched.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (!await db.Tags.AnyAsync(t => t.Id == id, ct)) return NotFound();
        var detached = await db.ArticleTags.Where(x => x.TagId == id).ExecuteDeleteAsync(ct);
        await db.Tags.Where(t => t.Id == id).ExecuteDeleteAsync(ct);
        await cache.EvictByTagAsync(SiteModule.ContentCacheTag, ct);
        return Redirect("/admin/tags?notice=" + (detached > 0 ? "detached" : "deleted"));
    }
}
