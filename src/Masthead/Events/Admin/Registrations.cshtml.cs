using Masthead.Data;
using Masthead.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Events.Admin;

/// <summary>/admin/events/{id}/registrations: confirmed (ticket, check-in), the waitlist in order, requests to decide,
/// and those declined or canceled; ?handler=Csv downloads them all (a GET: it changes nothing).</summary>
internal sealed class RegistrationsModel(MastheadDb db, EventRegistrants registrants, EventRegistrations registrations, TimeProvider time)
    : PageModel
{
    public sealed record Header(int Id, string Title, string Slug, string When, string TimeZoneId, EventAdmission Admission, int? Capacity,
        int ConfirmedCount, bool Canceled);

    public Header Event { get; private set; } = null!;
    public IReadOnlyList<EventRegistrants.Row> Confirmed { get; private set; } = [];
    public IReadOnlyList<EventRegistrants.Row> Waitlist { get; private set; } = [];
    public IReadOnlyList<EventRegistrants.Row> Requests { get; private set; } = [];
    public IReadOnlyList<EventRegistrants.Row> Ended { get; private set; } = [];
    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? notice, CancellationToken ct)
    {
        Notice = EventNotices.For(notice);
        return await PageAsync(id, ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(int id, CancellationToken ct)
    {
        var slug = await db.Set<Event>().Where(e => e.Id == id).Select(e => e.Slug).FirstOrDefaultAsync(ct);
        if (slug is null) return NotFound();
        await SafeCsv.DownloadAsync(Response, $"registrations-{slug}-{time.GetUtcNow():yyyyMMdd}.csv",
            writer => registrants.ExportAsync(id, writer, ct), ct);
        return new EmptyResult();
    }

    /// <summary>Requested → confirmed when a place is left (the member gets the confirmation and invitation).</summary>
    public Task<IActionResult> OnPostApproveAsync(int id, [FromForm] long registrationId, CancellationToken ct) =>
        DecideAsync(id, registrationId, approve: true, ct);

    /// <summary>Requested → declined (the member is told).</summary>
    public Task<IActionResult> OnPostDeclineAsync(int id, [FromForm] long registrationId, CancellationToken ct) =>
        DecideAsync(id, registrationId, approve: false, ct);

    private async Task<IActionResult> DecideAsync(int id, long registrationId, bool approve, CancellationToken ct)
    {
        var reg = await db.Set<EventRegistration>().AsNoTracking().Where(r => r.Id == registrationId && r.EventId == id)
            .Select(r => new { r.Status }).FirstOrDefaultAsync(ct);
        if (reg is null) return NotFound();
        var staff = EventEditModel.StaffName(User);
        if (approve ? await registrations.ApproveAsync(registrationId, staff, ct) : await registrations.DeclineAsync(registrationId, staff, ct))
        {
            return Redirect($"/admin/events/{id}/registrations?notice={(approve ? "approved" : "declined")}");
        }
        // Nothing changed: say why, with the lists as they are now.
        var ev = await db.Set<Event>().AsNoTracking().Where(e => e.Id == id).Select(e => new { e.Status, e.EndsAt, e.Capacity, e.ConfirmedCount }).SingleAsync(ct);
        Error = reg.Status != RegistrationStatus.Requested ? "This request was already decided: nothing changed."
            : ev.Status == EventStatus.Canceled ? "This event was canceled: nothing changed."
            : time.GetUtcNow().UtcDateTime >= ev.EndsAt ? "This event has ended: nothing changed."
            : approve && ev.Capacity is { } c && ev.ConfirmedCount >= c
                ? $"All {c} places are taken, so the request was not approved. Raise the capacity first, or decline it."
                : "The request could not be decided: nothing changed. Reload the page and try again.";
        return await PageAsync(id, ct);
    }

    private async Task<IActionResult> PageAsync(int id, CancellationToken ct)
    {
        var e = await db.Set<Event>().AsNoTracking().Where(x => x.Id == id)
            .Select(x => new { x.Id, x.Title, x.Slug, x.StartsAt, x.EndsAt, x.TimeZoneId, x.Admission, x.Capacity, x.ConfirmedCount, x.Status })
            .FirstOrDefaultAsync(ct);
        if (e is null) return NotFound();
        Event = new Header(e.Id, e.Title, e.Slug, EventZones.FormatSpan(e.StartsAt, e.EndsAt, e.TimeZoneId), e.TimeZoneId, e.Admission,
            e.Capacity, e.ConfirmedCount, e.Status == EventStatus.Canceled);
        var rows = await registrants.ListAsync(id, ct);
        Confirmed = rows.Where(r => r.Status == RegistrationStatus.Confirmed).OrderBy(r => r.ConfirmedAt).ThenBy(r => r.Id).ToList();
        Waitlist = rows.Where(r => r.Status == RegistrationStatus.Waitlisted).ToList();
        Requests = rows.Where(r => r.Status == RegistrationStatus.Requested).ToList();
        Ended = rows.Where(r => r.Status is RegistrationStatus.Declined or RegistrationStatus.Canceled)
            .OrderByDescending(r => r.DecidedAt ?? r.CanceledAt).ToList();
        return Page();
    }

    public string Local(DateTime? utc) => utc is { } u ? EventZones.Format(u, Event.TimeZoneId) : "—";
}
