using Masthead.Admin;
using Masthead.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Content.Admin.Pages;

internal sealed class RevisionModel(MastheadDb db, NewsroomClock clock) : PageModel
{
    public sealed record View(int ArticleId, int Version, string Title, string Dek, string BodyMarkdown, string? EditedBy, DateTime CreatedAt);

    public View Revision { get; private set; } = null!;
    public NewsroomClock Clock => clock;

    public async Task<IActionResult> OnGetAsync(int id, int revisionId, CancellationToken ct)
    {
        var revision = await db.ArticleRevisions.AsNoTracking()
            .Where(r => r.Id == revisionId && r.ArticleId == id)
            .Select(r => new View(r.ArticleId, r.Version, r.Title, r.Dek, r.BodyMarkdown, r.EditedBy, r.CreatedAt))
            .FirstOrDefaultAsync(ct);
        if (revision is null) return NotFound();
        Revision = revision;
        return Page();
    }
}
