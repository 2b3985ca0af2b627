using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Events;

/// <summary>What every registrant is told when staff change or cancel an event. Each message carries a new
/// invitation: the event's <see cref="Event.Sequence"/> rises once, and each registration's with it (never below the
/// event's, never below what that registrant was last sent), so every calendar applies the update over the last.</summary>
public sealed class EventChanges(MastheadDb db, EventMails mails, TimeProvider time, ILogger<EventChanges> log)
{
    private static readonly RegistrationStatus[] Told =
        [RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted, RegistrationStatus.Requested];

    public async Task NotifyChangedAsync(int eventId, string whatChanged, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (await RaiseSequencesAsync(eventId, e => e.Status == EventStatus.Scheduled, [RegistrationStatus.Confirmed], now, ct) is not { } ev) return;
        foreach (var (reg, who) in await RegistrantsAsync(eventId, [RegistrationStatus.Confirmed], ct))
        {
            await mails.ChangedAsync(ev, reg, who, whatChanged, ct);
        }
    }

    public async Task CancelEventAsync(int eventId, string reason, string staffEmail, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var why = (reason ?? "").Trim();
        if (why.Length > 600) why = why[..600];
        // Only a scheduled event is canceled (and its sequence raised) once; a repeat finds it canceled and re-queues
        // the same mails under the same keys, which the outbox ignores.
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var canceled = await db.Set<Event>().Where(e => e.Id == eventId && e.Status == EventStatus.Scheduled)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EventStatus.Canceled).SetProperty(e => e.CanceledAt, now)
                    .SetProperty(e => e.CancelReason, why).SetProperty(e => e.UpdatedAt, now)
                    .SetProperty(e => e.Sequence, e => e.Sequence + 1), ct);
            if (canceled == 1)
            {
                var floor = await db.Set<Event>().Where(e => e.Id == eventId).Select(e => e.Sequence).SingleAsync(ct);
                await db.Set<EventRegistration>().Where(r => r.EventId == eventId && Told.Contains(r.Status))
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Sequence, r => r.Sequence + 1 > floor ? r.Sequence + 1 : floor), ct);
            }
            await tx.CommitAsync(ct);
        }
        var ev = await db.Set<Event>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, ct);
        if (ev is not { Status: EventStatus.Canceled }) return;
        log.LogInformation("Event {EventId} canceled by {Staff}", eventId, staffEmail);
        foreach (var (reg, who) in await RegistrantsAsync(eventId, Told, ct))
        {
            await mails.EventCanceledAsync(ev, reg, who, ct);
        }
    }

    /// <summary>Raises the event's sequence (when <paramref name="eventMatches"/>) and its registrants', in one
    /// transaction; returns the event as it then is, or null when it did not match.</summary>
    private async Task<Event?> RaiseSequencesAsync(int eventId, System.Linq.Expressions.Expression<Func<Event, bool>> eventMatches,
        RegistrationStatus[] statuses, DateTime now, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var raised = await db.Set<Event>().Where(e => e.Id == eventId).Where(eventMatches)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Sequence, e => e.Sequence + 1).SetProperty(e => e.UpdatedAt, now), ct);
        if (raised == 0) return null;
        var floor = await db.Set<Event>().Where(e => e.Id == eventId).Select(e => e.Sequence).SingleAsync(ct);
        await db.Set<EventRegistration>().Where(r => r.EventId == eventId && statuses.Contains(r.Status))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Sequence, r => r.Sequence + 1 > floor ? r.Sequence + 1 : floor), ct);
        await tx.CommitAsync(ct);
        return await db.Set<Event>().AsNoTracking().SingleAsync(e => e.Id == eventId, ct);
    }

    private async Task<List<(EventRegistration Reg, Invitee Who)>> RegistrantsAsync(int eventId, RegistrationStatus[] statuses, CancellationToken ct)
    {
        var rows = await (from r in db.Set<EventRegistration>().AsNoTracking()
                          join u in db.Users.AsNoTracking() on r.UserId equals u.Id
                          where r.EventId == eventId && statuses.Contains(r.Status) && u.Email != null
                          orderby r.Id
                          select new { Reg = r, u.Email, u.DisplayName }).ToListAsync(ct);
        return rows.Select(x => (x.Reg, new Invitee(x.Email!, x.DisplayName ?? x.Email!))).ToList();
    }
}
