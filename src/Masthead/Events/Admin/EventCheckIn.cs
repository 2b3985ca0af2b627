using System.Globalization;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Events.Admin;

public enum CheckInOutcome { CheckedIn, AlreadyCheckedIn, NotConfirmed, EventCanceled, NotFound }

/// <summary>Checking people in at the door. A ticket checks in once: the write is a conditional update (confirmed,
/// not yet checked in, event not canceled → now and who), so two phones scanning the same ticket at the same moment
/// give one check-in and one "already checked in". Every other case changes nothing.</summary>
public sealed class EventCheckIn(MastheadDb db, TimeProvider time)
{
    public sealed record Ticket(long RegistrationId, int EventId, string EventTitle, string EventWhen, string TimeZoneId,
        EventStatus EventStatus, string Name, string Email, RegistrationStatus Status, DateTime? CheckedInAt, string? CheckedInBy);

    public sealed record Result(CheckInOutcome Outcome, Ticket? Ticket, string Message);

    public const int MaxCodeLength = 64;

    public const string NotValidMessage = "This ticket is not valid.";

    public Task<Ticket?> FindByCodeAsync(string? code, CancellationToken ct) =>
        code is { Length: > 0 and <= MaxCodeLength } ? FindAsync(r => r.TicketCode == code, ct) : Task.FromResult<Ticket?>(null);

    public Task<Result> CheckInByCodeAsync(string? code, string staff, CancellationToken ct) =>
        code is { Length: > 0 and <= MaxCodeLength }
            ? CheckInWhereAsync(r => r.TicketCode == code, staff, ct)
            : Task.FromResult(new Result(CheckInOutcome.NotFound, null, NotValidMessage));

    /// <summary>From the door list: the registration must belong to the event.</summary>
    public Task<Result> CheckInAsync(int eventId, long registrationId, string staff, CancellationToken ct) =>
        CheckInWhereAsync(r => r.Id == registrationId && r.EventId == eventId, staff, ct);

    /// <summary>What the page says about a ticket as it stands.</summary>
    public static string Describe(Ticket t) => t switch
    {
        { EventStatus: EventStatus.Canceled } => "This event was canceled: there is nothing to check in to.",
        { Status: RegistrationStatus.Canceled } => $"This ticket's registration was canceled: {t.Name} no longer holds a place.",
        { Status: RegistrationStatus.Declined } => $"This ticket's request was declined: {t.Name} holds no place.",
        { Status: not RegistrationStatus.Confirmed } => $"{t.Name} holds no confirmed place (they are {EventRegistrants.StatusWord(t.Status)}).",
        { CheckedInAt: { } at } => $"Already checked in at {At(at, t.TimeZoneId)}{(string.IsNullOrEmpty(t.CheckedInBy) ? "" : " by " + t.CheckedInBy)}.",
        _ => $"{t.Name} has a confirmed place and is not checked in yet.",
    };

    /// <summary>"18:04", in the event's zone.</summary>
    public static string At(DateTime utc, string zoneId) =>
        EventZones.ToLocal(utc, zoneId).ToString("HH:mm", CultureInfo.InvariantCulture);

    private async Task<Result> CheckInWhereAsync(System.Linq.Expressions.Expression<Func<EventRegistration, bool>> which, string staff,
        CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var events = db.Set<Event>();
        var written = await db.Set<EventRegistration>().Where(which)
            .Where(r => r.Status == RegistrationStatus.Confirmed && r.CheckedInAt == null
                && events.Any(e => e.Id == r.EventId && e.Status != EventStatus.Canceled))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.CheckedInAt, now).SetProperty(r => r.CheckedInBy, staff), ct);
        var ticket = await FindAsync(which, ct);
        if (ticket is null) return new(CheckInOutcome.NotFound, null, NotValidMessage);
        if (written > 0) return new(CheckInOutcome.CheckedIn, ticket, $"{ticket.Name} is checked in.");
        var outcome = ticket switch
        {
            { EventStatus: EventStatus.Canceled } => CheckInOutcome.EventCanceled,
            { Status: not RegistrationStatus.Confirmed } => CheckInOutcome.NotConfirmed,
            _ => CheckInOutcome.AlreadyCheckedIn,
        };
        return new(outcome, ticket, Describe(ticket));
    }

    private async Task<Ticket?> FindAsync(System.Linq.Expressions.Expression<Func<EventRegistration, bool>> which, CancellationToken ct)
    {
        var x = await (from r in db.Set<EventRegistration>().AsNoTracking().Where(which)
                       join e in db.Set<Event>().AsNoTracking() on r.EventId equals e.Id
                       join u in db.Users.AsNoTracking() on r.UserId equals u.Id
                       select new { r, e.Title, e.StartsAt, e.EndsAt, e.TimeZoneId, e.Status, Name = u.DisplayName ?? u.Email ?? "", Email = u.Email ?? "" })
            .FirstOrDefaultAsync(ct);
        return x is null ? null : new Ticket(x.r.Id, x.r.EventId, x.Title, EventZones.FormatSpan(x.StartsAt, x.EndsAt, x.TimeZoneId),
            x.TimeZoneId, x.Status, x.Name, x.Email, x.r.Status, x.r.CheckedInAt, x.r.CheckedInBy);
    }
}
