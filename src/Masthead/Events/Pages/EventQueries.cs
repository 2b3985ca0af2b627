using Masthead.Content;
using Masthead.Content.Media;
using Masthead.Content.Reading;
using Masthead.Data;
using Masthead.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Events.Pages;

/// <summary>One line of the events listing: what a reader needs to choose an event, nothing of any registrant.</summary>
public sealed record EventCard(string Slug, EventKind Kind, EventAdmission Admission, string Title, string Summary, string TimeZoneId,
    DateTime StartsAt, DateTime EndsAt, int? Capacity, int ConfirmedCount, AccessLevel Access, EventStatus Status)
{
    public EventPhase PhaseAt(DateTime now) =>
        Status == EventStatus.Canceled ? EventPhase.Canceled : now < StartsAt ? EventPhase.Upcoming : now < EndsAt ? EventPhase.Live : EventPhase.Ended;

    public int? PlacesLeft => Capacity is { } c ? Math.Max(0, c - ConfirmedCount) : null;
}

/// <summary>A speaker as the event page shows them: an author of the site links to their page.</summary>
public sealed record SpeakerView(string Name, string Role, string Bio, string? AuthorSlug);

/// <summary>The event page's event: the entity (the access rules take it) with its speakers' author pages and the
/// address of an uploaded recording.</summary>
public sealed record EventDetail(Event Event, IReadOnlyList<SpeakerView> Speakers, string? RecordingMediaUrl)
{
    /// <summary>The recording a reader allowed to see it is given: an address staff entered, else the uploaded file.</summary>
    public string? RecordingHref => string.IsNullOrWhiteSpace(Event.RecordingUrl) ? RecordingMediaUrl : Event.RecordingUrl;
}

/// <summary>Reads for the reader-facing event pages. Only published events (<see cref="Event.IsVisibleAt"/>): a draft
/// is seen in the admin alone, whoever asks here.</summary>
public sealed class EventQueries(MastheadDb db, TimeProvider time, IOptions<SiteOptions> site)
{
    /// <summary>Upcoming and live events, soonest first; a canceled one stays listed (marked) until its time passes.</summary>
    public async Task<IReadOnlyList<EventCard>> UpcomingAsync(int limit, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await Published(now).Where(e => e.EndsAt > now).OrderBy(e => e.StartsAt).ThenBy(e => e.Id)
            .Take(limit).Select(Card).ToListAsync(ct);
    }

    /// <summary>Past events, most recent first, a page at a time; null for a page that cannot exist.</summary>
    public async Task<PageOf<EventCard>?> PastAsync(int page, CancellationToken ct)
    {
        var size = site.Value.PageSize;
        if (Paging.Offset(page, size) is not { } skip) return null;
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await Published(now).Where(e => e.EndsAt <= now).OrderByDescending(e => e.StartsAt).ThenByDescending(e => e.Id)
            .Skip(skip).Take(size + 1).Select(Card).ToListAsync(ct);
        // Page 1 exists even when empty (a new site has no past events); a later page must have something on it.
        if (page > 1 && rows.Count == 0) return null;
        return new PageOf<EventCard>([.. rows.Take(size)], page, rows.Count > size);
    }

    public async Task<EventDetail?> FindAsync(string slug, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var ev = await Published(now).Include(e => e.Speakers).AsSplitQuery().FirstOrDefaultAsync(e => e.Slug == slug, ct);
        if (ev is null) return null;
        var authorIds = ev.Speakers.Where(s => s.AuthorId is not null).Select(s => s.AuthorId!.Value).Distinct().ToList();
        var authors = authorIds.Count == 0 ? new Dictionary<int, string>()
            : await db.Authors.AsNoTracking().Where(a => authorIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Slug, ct);
        var speakers = ev.Speakers.OrderBy(s => s.Position).ThenBy(s => s.Id)
            .Select(s => new SpeakerView(s.Name, s.Role, s.Bio, s.AuthorId is { } id ? authors.GetValueOrDefault(id) : null)).ToList();
        string? media = null;
        if (ev.RecordingMediaId is { } mediaId)
        {
            media = await db.Set<MediaAsset>().AsNoTracking().Where(m => m.Id == mediaId).Select(m => "/media/" + m.FileName).FirstOrDefaultAsync(ct);
        }
        return new EventDetail(ev, speakers, media);
    }

    private IQueryable<Event> Published(DateTime now) =>
        db.Set<Event>().AsNoTracking().Where(e => e.PublishedAt != null && e.PublishedAt <= now);

    private static readonly System.Linq.Expressions.Expression<Func<Event, EventCard>> Card = e => new EventCard(e.Slug, e.Kind, e.Admission,
        e.Title, e.Summary, e.TimeZoneId, e.StartsAt, e.EndsAt, e.Capacity, e.ConfirmedCount, e.Access, e.Status);
}
