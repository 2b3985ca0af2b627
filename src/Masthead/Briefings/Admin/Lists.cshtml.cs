using Masthead.Briefings.Editions;
using Masthead.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Briefings.Admin;

internal sealed class ListsModel(MastheadDb db, TimeProvider time) : PageModel
{
    public sealed record Row(int Id, string Name, string Slug, string Cadence, bool IsActive, string ScheduleWords, string? NextRun,
        int Subscribers, string? LastEdition);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var lists = await db.BriefingLists.AsNoTracking().OrderBy(l => l.Position).ThenBy(l => l.Name)
            .Select(l => new { l.Id, l.Name, l.Slug, l.Cadence, l.IsActive, l.Schedule, l.TimeZone, l.AutoSend }).ToListAsync(ct);
        var subscribers = await db.Subscriptions.AsNoTracking()
            .Where(s => s.Status == SubscriptionStatus.Active && s.Subscriber!.ConfirmedAt != null)
            .GroupBy(s => s.ListId).Select(g => new { ListId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.ListId, g => g.Count, ct);
        var last = await db.Editions.AsNoTracking().Where(e => e.SentAt != null)
            .GroupBy(e => e.ListId).Select(g => new { ListId = g.Key, SentAt = g.Max(e => e.SentAt) }).ToDictionaryAsync(g => g.ListId, g => g.SentAt, ct);
        Rows = lists.Select(l =>
        {
            var next = BriefingScheduler.NextRun(l.Schedule, l.TimeZone, now);
            var words = CronWords.Describe(l.Schedule) + (l.Schedule is { Length: > 0 } ? (l.AutoSend ? ", sent automatically" : ", drafted for review") : "");
            return new Row(l.Id, l.Name, l.Slug, l.Cadence, l.IsActive, words,
                next is { } n ? $"{Zones.ToLocal(n, l.TimeZone):ddd d MMM yyyy, HH:mm} ({l.TimeZone})" : null,
                subscribers.GetValueOrDefault(l.Id),
                last.GetValueOrDefault(l.Id) is { } sent ? $"{Zones.ToLocal(sent, l.TimeZone):d MMM yyyy HH:mm}" : null);
        }).ToList();
    }
}
