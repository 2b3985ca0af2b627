using Masthead.Data;
using Masthead.Site;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Briefings.Import;

/// <summary>Writes our CSV format (email,name,lists,status,created_at), streaming in keyset pages so a large
/// list is never held in memory; cells go through <see cref="SafeCsv"/> like every export. status: active (confirmed, receives the listed briefings), pending (not
/// confirmed), unsubscribed (no active list), suppressed (on the suppression list).</summary>
public sealed class SubscriberExporter(MastheadDb db)
{
    private const int PageSize = 2000;

    public async Task<int> ExportAsync(TextWriter output, string? listSlug, CancellationToken ct)
    {
        int? listId = null;
        if (listSlug is not null)
        {
            listId = await db.BriefingLists.Where(l => l.Slug == listSlug).Select(l => (int?)l.Id).SingleOrDefaultAsync(ct)
                ?? throw new ArgumentException($"There is no briefing '{listSlug}'.", nameof(listSlug));
        }
        await using var csv = new SafeCsv(output);
        await csv.WriteRowAsync(SubscriberCsv.Header);
        long after = 0;
        var count = 0;
        while (true)
        {
            var query = db.Subscribers.AsNoTracking().Where(s => s.Id > after);
            if (listId is { } id) query = query.Where(s => s.Subscriptions.Any(x => x.ListId == id));
            var page = await query.OrderBy(s => s.Id).Take(PageSize).Select(s => new
            {
                s.Id, s.Email, s.Name, s.ConfirmedAt, s.CreatedAt,
                Lists = s.Subscriptions.Where(x => x.Status != SubscriptionStatus.Unsubscribed)
                    .OrderBy(x => x.List!.Position).Select(x => x.List!.Slug).ToList(),
                Suppressed = db.Suppressions.Any(x => x.Email == s.Email),
            }).ToListAsync(ct);
            if (page.Count == 0) break;
            foreach (var s in page)
            {
                var status = s.Suppressed ? "suppressed" : s.ConfirmedAt is null ? "pending" : s.Lists.Count == 0 ? "unsubscribed" : "active";
                await csv.WriteRowAsync(s.Email, s.Name, string.Join(' ', s.Lists), status, SafeCsv.Time(s.CreatedAt));
                count++;
            }
            after = page[^1].Id;
            await csv.FlushAsync();
        }
        return count;
    }
}
