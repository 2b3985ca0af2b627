using System.Globalization;
using System.Security.Claims;
using Masthead.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Events.Admin;

/// <summary>Create (/admin/events/new) and edit (/admin/events/{id}) an event.</summary>
internal sealed class EventEditModel(MastheadDb db, EventEditor editor) : PageModel
{
    public sealed record Option(int Id, string Name);

    [BindProperty] public EventInput Input { get; set; } = new();
    [BindProperty] public string? Command { get; set; }

    public int? EventId { get; private set; }
    public bool IsNew => EventId is null;
    public bool Published { get; private set; }
    public bool IsCanceled { get; private set; }
    public string? CancelReason { get; private set; }
    public string? Slug { get; private set; }
    public int Confirmed { get; private set; }
    public string? Notice { get; private set; }
    public List<Option> Authors { get; private set; } = [];
    public List<Option> Videos { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, string? notice, CancellationToken ct)
    {
        if (!Masthead.Content.Admin.Pages.AdminIds.TryParse(id, out var eventId)) return NotFound();
        if (eventId is { } existing)
        {
            var ev = await db.Set<Event>().AsNoTracking().Include(e => e.Speakers).FirstOrDefaultAsync(e => e.Id == existing, ct);
            if (ev is null) return NotFound();
            Input = new EventInput
            {
                Kind = ev.Kind, Admission = ev.Admission, Title = ev.Title, Slug = ev.Slug, Summary = ev.Summary,
                Description = ev.DescriptionMarkdown, TimeZoneId = ev.TimeZoneId,
                StartsAt = EventZones.ForInput(ev.StartsAt, ev.TimeZoneId), EndsAt = EventZones.ForInput(ev.EndsAt, ev.TimeZoneId),
                Capacity = ev.Capacity?.ToString(CultureInfo.InvariantCulture), VenueName = ev.VenueName, VenueAddress = ev.VenueAddress,
                VideoUrl = ev.VideoUrl, RecordingUrl = ev.RecordingUrl, RecordingMediaId = ev.RecordingMediaId, Access = ev.Access,
                Speakers = ev.Speakers.OrderBy(s => s.Position)
                    .Select(s => new SpeakerInput { AuthorId = s.AuthorId, Name = s.Name, Role = s.Role, Bio = s.Bio, Position = s.Position + 1 })
                    .ToList(),
                Stamp = ev.UpdatedAt.Ticks,
            };
        }
        Notice = EventNotices.For(notice);
        return await PageAsync(eventId, ct);
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        if (!Masthead.Content.Admin.Pages.AdminIds.TryParse(id, out var eventId)) return NotFound();
        if (!ModelState.IsValid)
        {
            // A value the binder could not read (a word in a number field): said at the top, nothing saved.
            var unreadable = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList();
            ModelState.Clear();
            foreach (var message in unreadable) ModelState.AddModelError("", message);
            return await PageAsync(eventId, ct);
        }
        var command = Command switch
        {
            "publish" => EventCommand.Publish,
            "unpublish" => EventCommand.Unpublish,
            _ => EventCommand.Save,
        };
        var result = await editor.SaveAsync(eventId, Input, command, StaffName(User), ct);
        if (!result.Succeeded)
        {
            foreach (var (key, message) in result.Errors) ModelState.AddModelError(key is "" ? "" : "Input." + key, message);
            return await PageAsync(eventId, ct);
        }
        var notice = result.Notified is not null ? "notified" : command switch
        {
            EventCommand.Publish => "published",
            EventCommand.Unpublish => "unpublished",
            _ => "saved",
        };
        return Redirect($"/admin/events/{result.EventId}?notice={notice}");
    }

    private async Task<IActionResult> PageAsync(int? eventId, CancellationToken ct)
    {
        if (eventId is { } existing)
        {
            var meta = await db.Set<Event>().AsNoTracking().Where(e => e.Id == existing)
                .Select(e => new { e.Slug, e.PublishedAt, e.Status, e.CancelReason, e.ConfirmedCount }).FirstOrDefaultAsync(ct);
            if (meta is null) return NotFound();
            (EventId, Slug, Published, IsCanceled, CancelReason, Confirmed) =
                (existing, meta.Slug, meta.PublishedAt is not null, meta.Status == EventStatus.Canceled, meta.CancelReason, meta.ConfirmedCount);
        }
        Authors = await db.Authors.AsNoTracking().OrderBy(a => a.Name).Select(a => new Option(a.Id, a.Name)).ToListAsync(ct);
        Videos = await db.MediaAssets.AsNoTracking().Where(m => m.ContentType.StartsWith("video/")).OrderByDescending(m => m.UploadedAt)
            .Take(200).Select(m => new Option(m.Id, m.OriginalName)).ToListAsync(ct);
        return Page();
    }

    /// <summary>Who did it, as every staff action records it: the email of the signed-in account.</summary>
    public static string StaffName(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "staff";
}

/// <summary>Post-redirect-get confirmations of the events pages; only known keys render.</summary>
internal static class EventNotices
{
    public static string? For(string? key) => key switch
    {
        "saved" => "Saved.",
        "published" => "Published: the event is on the site and open for registration.",
        "unpublished" => "Unpublished: the event is a draft again and no longer on the site.",
        "notified" => "Saved. Everyone registered was sent the change with an updated calendar invitation.",
        "canceled" => "The event is canceled. Everyone registered was told, with a calendar cancellation.",
        "approved" => "Approved: the member has a place and was told so.",
        "declined" => "Declined: the member was told.",
        "sent" => "Sent: the message is on its way to each recipient.",
        "repeated" => "This message had already been sent: nobody was sent it twice.",
        "checked-in" => "Checked in.",
        _ => null,
    };
}
