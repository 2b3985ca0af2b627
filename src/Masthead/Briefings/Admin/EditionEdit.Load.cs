using Masthead.Briefings.Editions;
using Masthead.Content;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Briefings.Admin;

internal sealed partial class EditionEditModel
{
    private const int RecentDays = 14;

    /// <summary>Fills the page. <paramref name="resetInput"/> false keeps what the editor typed (a failed save, an intro preview).</summary>
    private async Task<bool> LoadAsync(long editionId, bool resetInput, CancellationToken ct)
    {
        var e = await db.Editions.AsNoTracking().Where(x => x.Id == editionId)
            .Select(x => new { x.Id, x.ListId, ListName = x.List!.Name, x.List.TimeZone, x.List.FromAddress, x.Status, x.Subject, x.Preheader, x.Intro, x.SendAt, x.SentAt, x.RecipientCount })
            .FirstOrDefaultAsync(ct);
        if (e is null) return false;
        EditionId = e.Id;
        ListId = e.ListId;
        ListName = e.ListName;
        TimeZone = e.TimeZone;
        Status = e.Status;
        RecipientCount = e.RecipientCount;
        Sender = alignment.Check(e.FromAddress);
        SendRefused = alignment.BulkRefusal(e.FromAddress) is not null;
        SendAtLocal = e.SendAt is { } at ? $"{Zones.ToLocal(at, e.TimeZone):yyyy-MM-dd HH:mm}" : null;
        SentAtLocal = e.SentAt is { } sent ? $"{Zones.ToLocal(sent, e.TimeZone):yyyy-MM-dd HH:mm}" : null;
        if (resetInput) Input = new EditionInput { Subject = e.Subject, Preheader = e.Preheader, Intro = e.Intro };

        var items = await db.EditionItems.AsNoTracking().Where(i => i.EditionId == editionId).OrderBy(i => i.Position)
            .Select(i => new { i.ArticleId, i.Article!.Title, i.Article.Slug, i.Article.Access, Section = i.Article.Section != null ? i.Article.Section.Name : null, i.Article.PublishAt })
            .ToListAsync(ct);
        Items = items.Select(i => new ItemRow(i.ArticleId, i.Title, i.Slug, i.Access, i.Section,
            i.PublishAt is { } p ? $"{Zones.ToLocal(p, e.TimeZone):d MMM HH:mm}" : "")).ToList();

        if (Editable)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var since = now.AddDays(-RecentDays);
            var present = items.Select(i => i.ArticleId).ToList();
            Recent = await db.Articles.AsNoTracking().Where(Article.VisibleAt(now)).Where(a => a.PublishAt >= since && !present.Contains(a.Id))
                .OrderByDescending(a => a.PublishAt).Take(100).Select(a => new ArticleChoice(a.Id, a.Title, a.Access)).ToListAsync(ct);
            var rendered = await composer.LoadAsync(db, editionId, ct);
            DroppedItems = rendered?.DroppedItems ?? 0;
        }
        if (e.Status is EditionStatus.Sending or EditionStatus.Sent) Counts = await sender.CountsAsync(editionId, ct);
        if (e.Status == EditionStatus.Sending && Counts is { Done: true } && await sender.CompleteFinishedAsync(ct, editionId) > 0)
        {
            Status = EditionStatus.Sent;
        }
        return true;
    }
}
