using Masthead.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Events.Admin;

/// <summary>/admin/events/{id}/message: write to the registrants (an audience), see how many it goes to before
/// sending, and what was sent before.</summary>
internal sealed class MessageModel(MastheadDb db, EventMessenger messenger) : PageModel
{
    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? Audience { get; set; } = "confirmed";
    [BindProperty] public string? Command { get; set; }

    public int EventId { get; private set; }
    public string Title { get; private set; } = "";
    public string TimeZoneId { get; private set; } = "UTC";
    public Dictionary<string, int> Counts { get; private set; } = [];
    public List<EventMessage> History { get; private set; } = [];
    public string? Notice { get; private set; }
    /// <summary>Set by Preview: the count the chosen audience has now.</summary>
    public int? PreviewCount { get; private set; }
    public IReadOnlyList<string> PreviewParagraphs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, string? notice, CancellationToken ct)
    {
        Notice = EventNotices.For(notice);
        return await PageAsync(id, ct);
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        ModelState.Clear();
        foreach (var (key, message) in EventMessenger.Check(Subject, Body, Audience)) ModelState.AddModelError(key, message);
        if (!ModelState.IsValid || Command == "preview")
        {
            var page = await PageAsync(id, ct);
            if (ModelState.IsValid)
            {
                PreviewCount = Counts.GetValueOrDefault(Audience!);
                PreviewParagraphs = EventMessenger.Paragraphs(Body!);
            }
            return page;
        }
        var sent = await messenger.SendAsync(id, Subject!, Body!, Audience!, EventEditModel.StaffName(User), ct);
        if (sent is null) return NotFound();
        return Redirect($"/admin/events/{id}/message?notice={(sent.Repeated ? "repeated" : "sent")}");
    }

    private async Task<IActionResult> PageAsync(int id, CancellationToken ct)
    {
        var ev = await db.Set<Event>().AsNoTracking().Where(e => e.Id == id).Select(e => new { e.Title, e.TimeZoneId }).FirstOrDefaultAsync(ct);
        if (ev is null) return NotFound();
        (EventId, Title, TimeZoneId) = (id, ev.Title, ev.TimeZoneId);
        Counts = await messenger.CountsAsync(id, ct);
        History = await messenger.HistoryAsync(id, ct);
        return Page();
    }

    public static string AudienceLabel(string key) =>
        EventMessenger.Audiences.FirstOrDefault(a => a.Key == key).Label ?? key;
}
