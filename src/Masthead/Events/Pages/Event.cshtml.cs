using System.Security.Claims;
using Masthead.Billing;
using Masthead.Membership;
using Masthead.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Masthead.Events.Pages;

/// <summary><c>/events/{slug}</c>: the event, its speakers, and the reader's own registration panel. A signed-in view
/// depends on that reader's registration and holds their forms, so only the signed-out view is cached (the "Public"
/// policy, for Site:OutputCacheSeconds: the phase it shows may lag the clock by that much). Register, request and
/// cancel are POSTs (antiforgery, as every page form) answered by a redirect back with what happened.</summary>
[OutputCache(PolicyName = SiteModule.PublicCachePolicy)]
internal sealed class EventModel(EventQueries queries, EventRegistrations registrations, IOptions<SiteOptions> site,
    IOptions<BillingOptions> billing, TimeProvider time) : PageModel
{
    public const int MaxNoteLength = 1000;

    public EventDetail Detail { get; private set; } = null!;
    public Event Event => Detail.Event;
    public ReaderTier Tier { get; private set; }
    public EventRegistration? Registration { get; private set; }
    public DateTime Now { get; private set; }
    public EventPhase Phase { get; private set; }
    public bool MayAttend { get; private set; }
    public bool MaySeeJoinLink { get; private set; }
    public bool MaySeeRecording { get; private set; }
    public string JsonLd { get; private set; } = "";
    public string? NoteError { get; private set; }

    /// <summary>What the last POST did, shown once after its redirect.</summary>
    [TempData] public string? Outcome { get; set; }
    [BindProperty] public string? RequestNote { get; set; }

    public bool HasActiveRegistration => Registration?.Status is RegistrationStatus.Confirmed or RegistrationStatus.Waitlisted or RegistrationStatus.Requested;
    public bool HasRecording => Detail.RecordingHref is not null;
    public string PagePath => EventDisplay.Path(Event.Slug);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) =>
        await LoadAsync(slug, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostRegisterAsync(string slug, CancellationToken ct) => RegisterAsync(slug, note: null, ct);

    public async Task<IActionResult> OnPostRequestAsync(string slug, CancellationToken ct)
    {
        var note = RequestNote?.Trim() ?? "";
        if (note.Length > MaxNoteLength) NoteError = $"Keep your note under {MaxNoteLength} characters.";
        else if (note.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')) NoteError = "Your note cannot contain control characters.";
        if (NoteError is null) return await RegisterAsync(slug, note, ct);
        // The page again with the note kept and the error beside it; nothing was sent.
        if (!await LoadAsync(slug, ct)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(string slug, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct)) return NotFound();
        if (UserId is not { } userId) return Challenge();
        Outcome = await registrations.CancelAsync(Event.Id, userId, ct)
            ? Registration?.Status == RegistrationStatus.Requested ? "Your request was withdrawn." : "Your registration was canceled. We have emailed you a calendar update."
            : "You had no registration to cancel.";
        return Back();
    }

    private async Task<IActionResult> RegisterAsync(string slug, string? note, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct)) return NotFound();
        if (UserId is not { } userId) return Challenge();
        var result = await registrations.RegisterAsync(Event.Id, userId, Tier, note, ct);
        Outcome = result.Message;
        return Back();
    }

    private RedirectResult Back() => Redirect(PagePath + "#registration");

    private string? UserId => User.Identity?.IsAuthenticated == true ? User.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    private async Task<bool> LoadAsync(string slug, CancellationToken ct)
    {
        if (await queries.FindAsync(slug, ct) is not { } detail) return false;
        Detail = detail;
        Now = time.GetUtcNow().UtcDateTime;
        Phase = Event.PhaseAt(Now);
        Tier = await HttpContext.ReaderTierAsync(ct);
        if (UserId is { } userId) Registration = await registrations.FindAsync(Event.Id, userId, ct);
        MayAttend = EventAccess.MayAttend(Event, Tier);
        MaySeeJoinLink = EventAccess.MaySeeJoinLink(Event, Registration, Tier, Now);
        MaySeeRecording = EventAccess.MaySeeRecording(Event, Tier, Now) && HasRecording;
        JsonLd = EventJsonLd.For(Detail, site.Value, billing.Value.Currency);
        return true;
    }
}
