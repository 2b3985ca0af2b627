using Masthead.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Events.Admin;

/// <summary>/admin/events: every event, in four lists (upcoming, past, drafts, canceled) with its places.</summary>
internal sealed class EventsModel(MastheadDb db, TimeProvider time) : PageModel
{
    public sealed record Row(int Id, string Title, string When, EventKind Kind, EventAdmission Admission, int Confirmed, int? Capacity,
        int Waitlist, int Requests, DateTime StartsAt, DateTime EndsAt, bool Draft, bool Canceled, bool Live);

    public IReadOnlyList<Row> Upcoming { get; private set; } = [];
    public IReadOnlyList<Row> Past { get; private set; } = [];
    public IReadOnlyList<Row> Drafts { get; private set; } = [];
    public IReadOnlyList<Row> Canceled { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var registrations = db.Set<EventRegistration>();
        var events = await db.Set<Event>().AsNoTracking().Select(e => new
        {
            e.Id, e.Title, e.Kind, e.Admission, e.StartsAt, e.EndsAt, e.TimeZoneId, e.Capacity, e.ConfirmedCount, e.Status, e.PublishedAt,
            Waitlist = registrations.Count(r => r.EventId == e.Id && r.Status == RegistrationStatus.Waitlisted),
            Requests = registrations.Count(r => r.EventId == e.Id && r.Status == RegistrationStatus.Requested),
        }).ToListAsync(ct);
        var rows = events.Select(e => new Row(e.Id, e.Title, EventZones.FormatSpan(e.StartsAt, e.EndsAt, e.TimeZoneId), e.Kind, e.Admission,
            e.ConfirmedCount, e.Capacity, e.Waitlist, e.Requests, e.StartsAt, e.EndsAt, e.PublishedAt is null,
            e.Status == EventStatus.Canceled, e.StartsAt <= now && now < e.EndsAt)).ToList();
        Canceled = rows.Where(r => r.Canceled).OrderByDescending(r => r.StartsAt).ToList();
        Drafts = rows.Where(r => !r.Canceled && r.Draft).OrderBy(r => r.StartsAt).ToList();
        Upcoming = rows.Where(r => !r.Canceled && !r.Draft && r.EndsAt > now).OrderBy(r => r.StartsAt).ToList();
        Past = rows.Where(r => !r.Canceled && !r.Draft && r.EndsAt <= now).OrderByDescending(r => r.StartsAt).ToList();
    }

    public static string KindName(EventKind kind) => kind == EventKind.InPerson ? "In person" : "Live Q&A";

    public static string AdmissionName(EventAdmission admission) => admission == EventAdmission.ByInvitation ? "By invitation" : "Open";

    public static string Places(int confirmed, int? capacity) => capacity is { } c ? $"{confirmed} / {c}" : $"{confirmed} (no limit)";
}
