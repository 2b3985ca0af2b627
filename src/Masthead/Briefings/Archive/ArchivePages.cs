using System.Globalization;
using Masthead.Content;
using Masthead.Data;
using Masthead.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Briefings.Archive;

// Public archive of sent editions. Only editions that went out (Sending or Sent) exist here, and the
// pages carry no personal links: they are the same for everyone and cached like other reader pages.

public sealed record ArchiveList(string Slug, string Name, string Description, string Cadence);
public sealed record ArchiveEntry(DateOnly Date, string Subject);
public sealed record ArchiveItem(string Title, string Slug, string Dek, string? Section, AccessLevel Access);

internal static class ArchiveQueries
{
    public static IQueryable<Edition> Published(this IQueryable<Edition> editions) =>
        editions.Where(e => (e.Status == EditionStatus.Sent || e.Status == EditionStatus.Sending) && e.ArchiveDate != null && e.List!.IsActive);

    public static string Path(string slug, DateOnly date) => $"/briefings/{slug}/{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}

[OutputCache(PolicyName = SiteModule.PublicCachePolicy)]
internal sealed class ArchiveIndexModel(MastheadDb db) : PageModel
{
    public IReadOnlyList<ArchiveList> Lists { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Lists = await db.BriefingLists.AsNoTracking().Where(l => l.IsActive).OrderBy(l => l.Position).ThenBy(l => l.Name)
            .Select(l => new ArchiveList(l.Slug, l.Name, l.Description, l.Cadence)).ToListAsync(ct);
}

[OutputCache(PolicyName = SiteModule.PublicCachePolicy)]
internal sealed class ArchiveListModel(MastheadDb db) : PageModel
{
    public const int PageSize = 20;
    public ArchiveList List { get; private set; } = null!;
    public IReadOnlyList<ArchiveEntry> Entries { get; private set; } = [];
    public int Number { get; private set; }
    public bool HasNext { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        if (!ModelState.IsValid || Paging.Offset(pageNumber, PageSize) is not { } skip) return NotFound();
        var list = await db.BriefingLists.AsNoTracking().Where(l => l.Slug == slug && l.IsActive)
            .Select(l => new { l.Id, Info = new ArchiveList(l.Slug, l.Name, l.Description, l.Cadence) }).FirstOrDefaultAsync(ct);
        if (list is null) return NotFound();
        var rows = await db.Editions.AsNoTracking().Where(e => e.ListId == list.Id).Published()
            .OrderByDescending(e => e.ArchiveDate).ThenByDescending(e => e.SentAt)
            .Skip(skip).Take(PageSize + 1)
            .Select(e => new ArchiveEntry(e.ArchiveDate!.Value, e.Subject)).ToListAsync(ct);
        if (pageNumber > 1 && rows.Count == 0) return NotFound();
        // Several editions on one day share an address; the page shows the latest, so list the date once.
        Entries = rows.Take(PageSize).DistinctBy(r => r.Date).ToList();
        (List, Number, HasNext) = (list.Info, pageNumber, rows.Count > PageSize);
        return Page();
    }
}

[OutputCache(PolicyName = SiteModule.PublicCachePolicy)]
internal sealed class ArchiveEditionModel(MastheadDb db, MarkdownRenderer markdown) : PageModel
{
    public ArchiveList List { get; private set; } = null!;
    public DateOnly Date { get; private set; }
    public string Subject { get; private set; } = "";
    public string IntroHtml { get; private set; } = "";
    public IReadOnlyList<ArchiveItem> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, string date, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return NotFound();
        var e = await db.Editions.AsNoTracking().Where(x => x.List!.Slug == slug && x.ArchiveDate == day).Published()
            .OrderByDescending(x => x.SentAt).ThenByDescending(x => x.Id)
            .Select(x => new { x.Id, x.Subject, x.Intro, List = new ArchiveList(x.List!.Slug, x.List.Name, x.List.Description, x.List.Cadence) })
            .FirstOrDefaultAsync(ct);
        if (e is null) return NotFound();
        Items = await db.EditionItems.AsNoTracking().Where(i => i.EditionId == e.Id).OrderBy(i => i.Position)
            .Select(i => new ArchiveItem(i.Article!.Title, i.Article.Slug, i.Article.Dek, i.Article.Section != null ? i.Article.Section.Name : null, i.Article.Access))
            .ToListAsync(ct);
        (List, Date, Subject, IntroHtml) = (e.List, day, e.Subject, markdown.ToHtml(e.Intro));
        return Page();
    }
}
