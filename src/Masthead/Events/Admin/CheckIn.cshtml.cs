using Masthead.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Events.Admin;

/// <summary>/admin/events/{id}/check-in: the door list on a phone. Search confirmed registrants by name or email and
/// check them in from the list; the count says how many of the confirmed are in.</summary>
internal sealed class CheckInModel(MastheadDb db, EventRegistrants registrants, EventCheckIn checkIn) : PageModel
{
    public int EventId { get; private set; }
    public string Title { get; private set; } = "";
    public string TimeZoneId { get; private set; } = "UTC";
    public bool Canceled { get; private set; }
    public int CheckedIn { get; private set; }
    public int Confirmed { get; private set; }
    public string? Query { get; private set; }
    public IReadOnlyList<EventRegistrants.Row> Rows { get; private set; } = [];
    public EventCheckIn.Result? Result { get; private set; }

    public Task<IActionResult> OnGetAsync(int id, string? q, CancellationToken ct) => PageAsync(id, q, ct);

    public async Task<IActionResult> OnPostAsync(int id, [FromForm] long registrationId, [FromForm] string? q, CancellationToken ct)
    {
        if (!await db.Set<Event>().AnyAsync(e => e.Id == id, ct)) return NotFound();
        Result = await checkIn.CheckInAsync(id, registrationId, EventEditModel.StaffName(User), ct);
        return await PageAsync(id, q, ct);
    }

    private async Task<IActionResult> PageAsync(int id, string? q, CancellationToken ct)
    {
        var ev = await db.Set<Event>().AsNoTracking().Where(e => e.Id == id).Select(e => new { e.Title, e.TimeZoneId, e.Status }).FirstOrDefaultAsync(ct);
        if (ev is null) return NotFound();
        (EventId, Title, TimeZoneId, Canceled, Query) = (id, ev.Title, ev.TimeZoneId, ev.Status == EventStatus.Canceled, q?.Trim());
        var confirmed = db.Set<EventRegistration>().Where(r => r.EventId == id && r.Status == RegistrationStatus.Confirmed);
        Confirmed = await confirmed.CountAsync(ct);
        CheckedIn = await confirmed.CountAsync(r => r.CheckedInAt != null, ct);
        Rows = await registrants.ConfirmedAsync(id, Query, ct);
        return Page();
    }
}
