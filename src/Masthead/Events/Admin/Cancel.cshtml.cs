using Masthead.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Events.Admin;

/// <summary>/admin/events/{id}/cancel: cancels the event with a reason; everyone confirmed, waitlisted or requested
/// gets the news with a calendar cancellation (the events core sends them).</summary>
internal sealed class CancelModel(MastheadDb db, EventChanges changes) : PageModel
{
    [BindProperty] public string? Reason { get; set; }

    public int EventId { get; private set; }
    public string Title { get; private set; } = "";
    public string When { get; private set; } = "";
    public bool AlreadyCanceled { get; private set; }
    /// <summary>Confirmed, waitlisted and requested: who will be told.</summary>
    public int ToTell { get; private set; }

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => PageAsync(id, ct);

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var page = await PageAsync(id, ct);
        if (page is not PageResult) return page;
        if (AlreadyCanceled) return page;
        var reason = Reason?.Trim() ?? "";
        if (reason.Length == 0) ModelState.AddModelError(nameof(Reason), "Say why the event is canceled: registrants read it in the cancellation.");
        else if (reason.Length > 600) ModelState.AddModelError(nameof(Reason), "Keep the reason under 600 characters.");
        if (ModelState.ErrorCount > 0) return page;
        await changes.CancelEventAsync(id, reason, EventEditModel.StaffName(User), ct);
        return Redirect($"/admin/events/{id}?notice=canceled");
    }

    private async Task<IActionResult> PageAsync(int id, CancellationToken ct)
    {
        var ev = await db.Set<Event>().AsNoTracking().Where(e => e.Id == id)
            .Select(e => new { e.Title, e.StartsAt, e.EndsAt, e.TimeZoneId, e.Status }).FirstOrDefaultAsync(ct);
        if (ev is null) return NotFound();
        (EventId, Title, When, AlreadyCanceled) = (id, ev.Title, EventZones.FormatSpan(ev.StartsAt, ev.EndsAt, ev.TimeZoneId), ev.Status == EventStatus.Canceled);
        ToTell = await db.Set<EventRegistration>().CountAsync(r => r.EventId == id && (r.Status == RegistrationStatus.Confirmed
            || r.Status == RegistrationStatus.Waitlisted || r.Status == RegistrationStatus.Requested), ct);
        return Page();
    }
}
