using Masthead.Content;
using Masthead.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Admin.Pages;

internal sealed class DashboardModel(MastheadDb db, NewsroomClock clock) : PageModel
{
    public sealed record Row(int Id, string Title, ArticleStatus Status, DateTime? PublishAt, DateTime UpdatedAt);

    public int Drafts { get; private set; }
    public int Scheduled { get; private set; }
    public int Published { get; private set; }
    public List<Row> NextScheduled { get; private set; } = [];
    public List<Row> RecentEdits { get; private set; } = [];
    public NewsroomClock Clock => clock;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.UtcNow;
        var counts = await db.Articles.AsNoTracking()
            .GroupBy(a => a.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        Drafts = counts.FirstOrDefault(c => c.Status == ArticleStatus.Draft)?.Count ?? 0;
        Scheduled = counts.FirstOrDefault(c => c.Status == ArticleStatus.Scheduled)?.Count ?? 0;
        Published = counts.FirstOrDefault(c => c.Status == ArticleStatus.Published)?.Count ?? 0;
        NextScheduled = await db.Articles.AsNoTracking()
            .Where(a => a.Status == ArticleStatus.Scheduled && a.PublishAt > now)
            .OrderBy(a => a.PublishAt).Take(5)
            .Select(a => new Row(a.Id, a.Title, a.Status, a.PublishAt, a.UpdatedAt)).ToListAsync(ct);
        RecentEdits = await db.Articles.AsNoTracking()
            .OrderByDescending(a => a.UpdatedAt).Take(8)
            .Select(a => new Row(a.Id, a.Title, a.Status, a.PublishAt, a.UpdatedAt)).ToListAsync(ct);
    }
}
