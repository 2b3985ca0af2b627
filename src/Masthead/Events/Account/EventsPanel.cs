using System.Security.Claims;
using Masthead.Data;
using Masthead.Events.Pages;
using Masthead.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Events.Account;

/// <summary>One of the member's events on the account page; <see cref="TicketQr"/> is the ticket's QR as a PNG
/// data URI (the CSP allows <c>data:</c> images), for a confirmed in-person place only.</summary>
public sealed record AccountEventView(string Slug, string Title, EventKind Kind, string When, RegistrationStatus Status,
    bool Canceled, string? TicketCode, string? TicketQr);

public sealed record EventsPanelView(IReadOnlyList<AccountEventView> Events);

/// <summary>The "Your events" section of /account: the member's registrations for events not yet over, with their
/// status, and the ticket of each confirmed in-person place. Read for the signed-in member only, so no one else's
/// ticket can be shown here.</summary>
public sealed class EventsPanel(MastheadDb db, TimeProvider time, IOptions<SiteOptions> site) : ViewComponent
{
    /// <summary>Bounds the list; a member holds a handful at most.</summary>
    private const int Limit = 50;

    private static readonly RegistrationStatus[] Shown = [RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted, RegistrationStatus.Requested];

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var ct = HttpContext.RequestAborted;
        var userId = UserClaimsPrincipal.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await (
                from r in db.Set<EventRegistration>().AsNoTracking()
                join e in db.Set<Event>().AsNoTracking() on r.EventId equals e.Id
                where r.UserId == userId && Shown.Contains(r.Status) && e.EndsAt > now && e.PublishedAt != null
                orderby e.StartsAt
                select new { e.Slug, e.Title, e.Kind, e.TimeZoneId, e.StartsAt, e.EndsAt, e.Status, Registration = r.Status, r.TicketCode })
            .Take(Limit).ToListAsync(ct);
        var events = rows.Select(r =>
        {
            var ticket = r.Kind == EventKind.InPerson && r.Registration == RegistrationStatus.Confirmed && r.Status != EventStatus.Canceled
                ? r.TicketCode : null;
            var qr = ticket is null ? null
                : "data:image/png;base64," + Convert.ToBase64String(EventTickets.QrPng(site.Value.Absolute(EventTickets.CheckInPath(ticket))));
            return new AccountEventView(r.Slug, r.Title, r.Kind, EventDisplay.When(r.TimeZoneId, r.StartsAt, r.EndsAt), r.Registration,
                r.Status == EventStatus.Canceled, ticket, qr);
        }).ToList();
        return View("/Events/Account/EventsPanel.cshtml", new EventsPanelView(events));
    }
}
