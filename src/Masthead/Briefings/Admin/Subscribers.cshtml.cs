using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Briefings.Admin;

/// <summary>Staff view of subscribers: search by address, filter by briefing and status, counts per briefing.</summary>
internal sealed class SubscribersModel(Data.MastheadDb db) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(long Id, string Email, string? Name, bool Confirmed, bool Suppressed, DateTime CreatedAt, string Source, IReadOnlyList<string> Lists);
    public sealed record ListCount(int Id, string Slug, string Name, int Active, int Pending, int Unsubscribed);

    public string? Q { get; private set; }
    public string? List { get; private set; }
    public SubscriptionStatus? Status { get; private set; }
    public int PageNumber { get; private set; }
    public int Total { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<ListCount> Counts { get; private set; } = [];

    public async Task OnGetAsync(string? q, string? list, SubscriptionStatus? status,
        // Razor Pages reserves the route value "page" (the page's own path): bind the query parameter by name.
        [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        Q = q?.Trim().ToLowerInvariant();
        List = string.IsNullOrWhiteSpace(list) ? null : list;
        Status = status is { } s && Enum.IsDefined(s) ? s : null;
        PageNumber = Math.Max(1, pageNumber);

        var grouped = await db.Subscriptions.AsNoTracking().GroupBy(x => new { x.ListId, x.Status })
            .Select(g => new { g.Key.ListId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        Counts = (await db.BriefingLists.AsNoTracking().OrderBy(l => l.Position).Select(l => new { l.Id, l.Slug, l.Name }).ToListAsync(ct))
            .Select(l => new ListCount(l.Id, l.Slug, l.Name,
                grouped.Where(g => g.ListId == l.Id && g.Status == SubscriptionStatus.Active).Sum(g => g.Count),
                grouped.Where(g => g.ListId == l.Id && g.Status == SubscriptionStatus.Pending).Sum(g => g.Count),
                grouped.Where(g => g.ListId == l.Id && g.Status == SubscriptionStatus.Unsubscribed).Sum(g => g.Count)))
            .ToList();

        var query = db.Subscribers.AsNoTracking();
        if (!string.IsNullOrEmpty(Q)) query = query.Where(s => s.Email.Contains(Q));
        if (List is not null || Status is not null)
        {
            var slug = List;
            var st = Status;
            query = query.Where(s => s.Subscriptions.Any(x => (slug == null || x.List!.Slug == slug) && (st == null || x.Status == st)));
        }
        Total = await query.CountAsync(ct);
        // A page past the end shows the last one, as the article list does; the offset never overflows.
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Rows = await query.OrderByDescending(s => s.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(s => new Row(s.Id, s.Email, s.Name, s.ConfirmedAt != null, db.Suppressions.Any(x => x.Email == s.Email), s.CreatedAt, s.Source,
                s.Subscriptions.OrderBy(x => x.List!.Position).Select(x => x.List!.Name + " (" + (x.Status == SubscriptionStatus.Active ? "active" : x.Status == SubscriptionStatus.Pending ? "pending" : "unsubscribed") + ")").ToList()))
            .ToListAsync(ct);
    }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public string PageUrl(int page) =>
        "/admin/subscribers?" + string.Join("&", new[]
        {
            Q is null ? null : "q=" + Uri.EscapeDataString(Q),
            List is null ? null : "list=" + Uri.EscapeDataString(List),
            Status is null ? null : "status=" + Status,
            "page=" + page,
        }.Where(x => x is not null));
}
