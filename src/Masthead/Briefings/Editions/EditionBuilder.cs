using Masthead.Content;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Briefings.Editions;

/// <summary>Assembles the next edition of a list from its rules: visible articles published since the
/// previous edition's window ended (or over the last day or week for a first edition), in the list's
/// sections and with any of its tags, newest first, at most RuleMaxItems.</summary>
public sealed class EditionBuilder(MastheadDb db, TimeProvider time)
{
    /// <summary>Subject of a skipped edition: nothing matched, so nothing was sent. It keeps the schedule moving.</summary>
    public const string EmptyMarker = "(skipped: no matching articles)";

    public async Task<IReadOnlyList<int>> PickAsync(BriefingList list, DateTime windowStart, DateTime windowEnd, CancellationToken ct)
    {
        var query = db.Articles.AsNoTracking().Where(Article.VisibleAt(windowEnd))
            .Where(a => a.PublishAt >= windowStart && a.PublishAt < windowEnd);
        var sections = Words(list.RuleSections);
        if (sections.Length > 0) query = query.Where(a => a.Section != null && sections.Contains(a.Section.Slug));
        var tags = Words(list.RuleTags);
        if (tags.Length > 0) query = query.Where(a => a.Tags.Any(t => tags.Contains(t.Tag!.Slug)));
        return await query.OrderByDescending(a => a.PublishAt).ThenByDescending(a => a.Id)
            .Take(Math.Clamp(list.RuleMaxItems, 1, 100)).Select(a => a.Id).ToListAsync(ct);
    }

    public static string[] Words(string value) => value.Split([' ', ',', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Where the next window starts: the end of the latest edition that counted (any but a
    /// canceled one that had items: its articles are still owed).</summary>
    public async Task<DateTime> WindowStartAsync(BriefingList list, DateTime now, CancellationToken ct)
    {
        var last = await db.Editions.Where(e => e.ListId == list.Id && (e.Status != EditionStatus.Canceled || !e.Items.Any()))
            .MaxAsync(e => (DateTime?)e.WindowEnd, ct);
        if (last is { } end) return end;
        var weekly = list.Cadence.Contains("week", StringComparison.OrdinalIgnoreCase);
        return now - (weekly ? TimeSpan.FromDays(7) : TimeSpan.FromDays(1));
    }

    /// <summary>Creates the next Draft edition (saved). An edition with no items is saved as Canceled with
    /// <see cref="EmptyMarker"/> when <paramref name="keepEmpty"/> is false, so a schedule does not retry it.</summary>
    public async Task<Edition> PrepareAsync(BriefingList list, bool keepEmpty, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var start = await WindowStartAsync(list, now, ct);
        var picked = await PickAsync(list, start, now, ct);
        var local = Zones.ToLocal(now, list.TimeZone);
        var edition = new Edition
        {
            ListId = list.Id,
            Status = picked.Count == 0 && !keepEmpty ? EditionStatus.Canceled : EditionStatus.Draft,
            Subject = picked.Count == 0 && !keepEmpty ? EmptyMarker : $"{list.Name}: {local.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}",
            WindowStart = start,
            WindowEnd = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        for (var i = 0; i < picked.Count; i++) edition.Items.Add(new EditionItem { ArticleId = picked[i], Position = i });
        db.Editions.Add(edition);
        await db.SaveChangesAsync(ct);
        return edition;
    }
}
