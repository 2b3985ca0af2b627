using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Delivery.Outbox;

/// <summary>Counts of a send by state. Deferred rows are Queued rows that have been tried before
/// (they are not counted in Queued).</summary>
public sealed record OutboxCounts(int Queued, int Leased, int Sent, int Deferred, int Bounced, int Failed, int Suppressed)
{
    public int Total => Queued + Leased + Sent + Deferred + Bounced + Failed + Suppressed;
    public int Done => Sent + Bounced + Failed + Suppressed;
    public bool InProgress => Queued + Leased + Deferred > 0;
}

public static class OutboxProgress
{
    public static Task<OutboxCounts> ForEditionAsync(MastheadDb db, long editionId, CancellationToken ct = default) =>
        CountAsync(db.Outbox.Where(o => o.EditionId == editionId), ct);

    public static Task<OutboxCounts> OverallAsync(MastheadDb db, CancellationToken ct = default) => CountAsync(db.Outbox, ct);

    /// <summary>Per edition, for the editions with rows in the outbox, most recent first.</summary>
    public static async Task<List<(long EditionId, OutboxCounts Counts)>> ByEditionAsync(MastheadDb db, int take, CancellationToken ct = default)
    {
        var groups = await db.Outbox.AsNoTracking().Where(o => o.EditionId != null)
            .GroupBy(o => new { o.EditionId, o.Status, Retried = o.Attempts > 0 })
            .Select(g => new { g.Key.EditionId, g.Key.Status, g.Key.Retried, Count = g.Count() })
            .ToListAsync(ct);
        return groups.GroupBy(g => g.EditionId!.Value)
            .OrderByDescending(g => g.Key).Take(take)
            .Select(g => (g.Key, Fold(g.Select(x => (x.Status, x.Retried, x.Count)))))
            .ToList();
    }

    private static async Task<OutboxCounts> CountAsync(IQueryable<OutboxMessage> rows, CancellationToken ct)
    {
        var groups = await rows.AsNoTracking()
            .GroupBy(o => new { o.Status, Retried = o.Attempts > 0 })
            .Select(g => new { g.Key.Status, g.Key.Retried, Count = g.Count() })
            .ToListAsync(ct);
        return Fold(groups.Select(g => (g.Status, g.Retried, g.Count)));
    }

    private static OutboxCounts Fold(IEnumerable<(OutboxStatus Status, bool Retried, int Count)> groups)
    {
        int Sum(OutboxStatus s, bool? retried = null) =>
            groups.Where(g => g.Status == s && (retried is null || g.Retried == retried)).Sum(g => g.Count);
        return new OutboxCounts(
            Queued: Sum(OutboxStatus.Queued, retried: false),
            Leased: Sum(OutboxStatus.Leased),
            Sent: Sum(OutboxStatus.Sent),
            Deferred: Sum(OutboxStatus.Queued, retried: true),
            Bounced: Sum(OutboxStatus.Bounced),
            Failed: Sum(OutboxStatus.Failed),
            Suppressed: Sum(OutboxStatus.Suppressed));
    }
}
