using Masthead.Admin;
using Masthead.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Content.Admin.Pages;

internal sealed class ArticlesModel(MastheadDb db, NewsroomClock clock) : PageModel
{
    public const int PageSize = 25;

    public sealed record Row(int Id, string Title, string Slug, ArticleStatus Status, DateTime? PublishAt,
        AccessLevel Access, string? Section, List<string> Authors);

    [BindProperty(SupportsGet = true)] public ArticleStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? Section { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public List<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public List<(int Id, string Name)> Sections { get; private set; } = [];
    public NewsroomClock Clock => clock;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Sections = (await db.Sections.AsNoTracking().OrderBy(s => s.Position).ThenBy(s => s.Name)
            .Select(s => new { s.Id, s.Name }).ToListAsync(ct)).Select(s => (s.Id, s.Name)).ToList();

        var query = db.Articles.AsNoTracking();
        if (Status is { } status) query = query.Where(a => a.Status == status);
        if (Section is { } section) query = query.Where(a => a.SectionId == section);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim().ToLower();
            query = query.Where(a => a.Title.ToLower().Contains(q));
        }
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await query
            .OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(a => new Row(a.Id, a.Title, a.Slug, a.Status, a.PublishAt, a.Access,
                a.Section == null ? null : a.Section.Name,
                a.Authors.OrderBy(x => x.Position).Select(x => x.Author!.Name).ToList()))
            .ToListAsync(ct);
    }

    /// <summary>The current filters with another page number, for the pager links.</summary>
    public string PageUrl(int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["status"] = Status?.ToString(), ["section"] = Section?.ToString(), ["q"] = Q, ["p"] = page.ToString(),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/admin/articles",
            query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
