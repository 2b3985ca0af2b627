using Masthead.Data;
using Masthead.Membership;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Events;

public enum RegisterOutcome { Confirmed, Waitlisted, Requested, AlreadyHeld, NotAllowed, Closed }

public sealed record RegisterResult(RegisterOutcome Outcome, EventRegistration? Registration, string Message);

/// <summary>A member's place at an event: register, leave, and (by-invitation events) staff's decision on a request.
/// A place is taken by one conditional update of <see cref="Event.ConfirmedCount"/> (only while it is below the
/// capacity), in the same transaction as the registration row's change, so capacity holds however many register for
/// the last place at once, and a failure leaves neither. A registration changes status only by an update conditional
/// on the status it was read in: two requests racing on one registration cannot both act. Mail is queued after the
/// commit under keys that make a retry a no-op. See README.md.</summary>
public sealed class EventRegistrations(MastheadDb db, EventMails mails, TimeProvider time, ILogger<EventRegistrations> log)
{
    /// <summary>Waitlisted members tried in turn for one freed place (one who left meanwhile is skipped).</summary>
    private const int PromotionAttempts = 20;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public Task<EventRegistration?> FindAsync(int eventId, string userId, CancellationToken ct) =>
        db.Set<EventRegistration>().AsNoTracking().SingleOrDefaultAsync(r => r.EventId == eventId && r.UserId == userId, ct);

    public async Task<RegisterResult> RegisterAsync(int eventId, string userId, ReaderTier tier, string? requestNote, CancellationToken ct)
    {
        var now = Now;
        var ev = await db.Set<Event>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, ct);
        if (ev is null || !ev.IsVisibleAt(now)) return new(RegisterOutcome.Closed, null, "This event is not open for registration.");
        if (ev.Status == EventStatus.Canceled) return new(RegisterOutcome.Closed, null, "This event was canceled.");
        if (now >= ev.EndsAt) return new(RegisterOutcome.Closed, null, "This event has ended.");
        if (!EventAccess.MayAttend(ev, tier))
        {
            return new(RegisterOutcome.NotAllowed, null, tier == ReaderTier.Anonymous
                ? "Sign in to register for this event."
                : "This event is for PRO members. Start PRO to register.");
        }
        var existing = await FindAsync(eventId, userId, ct);
        if (existing is { Status: RegistrationStatus.Confirmed or RegistrationStatus.Waitlisted or RegistrationStatus.Requested })
        {
            return Held(existing);
        }
        var note = (requestNote ?? "").Trim();
        if (note.Length > 1000) note = note[..1000];

        long id;
        RegistrationStatus status;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            status = ev.Admission == EventAdmission.ByInvitation ? RegistrationStatus.Requested
                : await ClaimPlaceAsync(eventId, ct) ? RegistrationStatus.Confirmed
                : RegistrationStatus.Waitlisted;
            var confirmed = status == RegistrationStatus.Confirmed;
            var ticket = confirmed && ev.Kind == EventKind.InPerson ? EventTickets.NewCode() : null;
            var keep = ev.Admission == EventAdmission.ByInvitation ? note : "";
            if (existing is null)
            {
                var reg = new EventRegistration
                {
                    EventId = eventId, UserId = userId, Status = status, CreatedAt = now, QueuedAt = now,
                    ConfirmedAt = confirmed ? now : null, RequestNote = keep, TicketCode = ticket,
                    Sequence = confirmed ? Math.Max(1, ev.Sequence) : 0,
                };
                db.Add(reg);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    // The same member registering twice at once: the other request made the row (and took the place).
                    await tx.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    return await FindAsync(eventId, userId, ct) is { } other ? Held(other) : new(RegisterOutcome.AlreadyHeld, null, "Please try again.");
                }
                id = reg.Id;
            }
            else
            {
                var was = existing.Status;
                var sequence = confirmed ? Math.Max(existing.Sequence + 1, ev.Sequence) : existing.Sequence;
                var changed = await db.Set<EventRegistration>().Where(r => r.Id == existing.Id && r.Status == was)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.QueuedAt, now)
                        .SetProperty(r => r.ConfirmedAt, confirmed ? now : null).SetProperty(r => r.CanceledAt, (DateTime?)null)
                        .SetProperty(r => r.DecidedAt, (DateTime?)null).SetProperty(r => r.DecidedBy, (string?)null)
                        .SetProperty(r => r.RequestNote, keep).SetProperty(r => r.Sequence, sequence)
                        .SetProperty(r => r.TicketCode, ticket ?? existing.TicketCode)
                        .SetProperty(r => r.CheckedInAt, (DateTime?)null).SetProperty(r => r.CheckedInBy, (string?)null), ct);
                if (changed == 0)
                {
                    await tx.RollbackAsync(ct);
                    return await FindAsync(eventId, userId, ct) is { } other ? Held(other) : new(RegisterOutcome.AlreadyHeld, null, "Please try again.");
                }
                id = existing.Id;
            }
            await tx.CommitAsync(ct);
        }

        var saved = await db.Set<EventRegistration>().AsNoTracking().SingleAsync(r => r.Id == id, ct);
        var who = await InviteeAsync(userId, ct);
        switch (status)
        {
            case RegistrationStatus.Confirmed:
                if (who is not null) await mails.ConfirmedAsync(ev, saved, who, ConfirmationReason.Registered, ct);
                return new(RegisterOutcome.Confirmed, saved, "You have a place. Your confirmation and calendar invitation are on their way by email.");
            case RegistrationStatus.Waitlisted:
                if (who is not null) await mails.WaitlistedAsync(ev, saved, who, ct);
                return new(RegisterOutcome.Waitlisted, saved, "The event is full, so you are on the waitlist. If a place frees up it is yours without doing anything, and we email you.");
            default:
                if (who is not null) await mails.RequestReceivedAsync(ev, saved, who, ct);
                return new(RegisterOutcome.Requested, saved, "Your request was sent. The organisers will reply by email.");
        }
    }

    public async Task<bool> CancelAsync(int eventId, string userId, CancellationToken ct)
    {
        var now = Now;
        var ev = await db.Set<Event>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, ct);
        var reg = await FindAsync(eventId, userId, ct);
        if (ev is null || reg is null || ev.Status == EventStatus.Canceled || now >= ev.EndsAt) return false;
        if (reg.Status is not (RegistrationStatus.Confirmed or RegistrationStatus.Waitlisted or RegistrationStatus.Requested)) return false;

        var was = reg.Status;
        var sequence = Math.Max(reg.Sequence + 1, ev.Sequence);
        long? promoted = null;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var changed = await db.Set<EventRegistration>().Where(r => r.Id == reg.Id && r.Status == was)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Canceled)
                    .SetProperty(r => r.CanceledAt, now).SetProperty(r => r.Sequence, sequence), ct);
            if (changed == 0)
            {
                await tx.RollbackAsync(ct);
                return false;
            }
            if (was == RegistrationStatus.Confirmed)
            {
                await ReleasePlaceAsync(eventId, ct);
                if (ev.Admission == EventAdmission.Open) promoted = await PromoteNextAsync(ev, now, ct);
            }
            await tx.CommitAsync(ct);
        }

        var left = await db.Set<EventRegistration>().AsNoTracking().SingleAsync(r => r.Id == reg.Id, ct);
        if (await InviteeAsync(userId, ct) is { } leaver) await mails.LeftAsync(ev, left, leaver, was, ct);
        if (promoted is { } promotedId) await MailConfirmedAsync(ev, promotedId, ConfirmationReason.Promoted, ct);
        return true;
    }

    /// <summary>Fills places left from the waitlist, oldest first: for staff after raising the capacity. Returns how
    /// many were promoted (each gets the promotion mail).</summary>
    public async Task<int> PromoteWaitlistAsync(int eventId, CancellationToken ct)
    {
        var ev = await db.Set<Event>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, ct);
        if (ev is null || ev.Admission != EventAdmission.Open || ev.Status == EventStatus.Canceled) return 0;
        var count = 0;
        // Bounded: at most one pass over the waitlist as it stood.
        var waiting = await db.Set<EventRegistration>().CountAsync(r => r.EventId == eventId && r.Status == RegistrationStatus.Waitlisted, ct);
        for (var i = 0; i < waiting; i++)
        {
            var now = Now;
            long? promoted;
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                promoted = await PromoteNextAsync(ev, now, ct);
                await tx.CommitAsync(ct);
            }
            if (promoted is not { } id) break;
            await MailConfirmedAsync(ev, id, ConfirmationReason.Promoted, ct);
            count++;
        }
        return count;
    }

    public async Task<bool> ApproveAsync(long registrationId, string staffEmail, CancellationToken ct)
    {
        var now = Now;
        var reg = await db.Set<EventRegistration>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == registrationId, ct);
        if (reg is not { Status: RegistrationStatus.Requested }) return false;
        var ev = await db.Set<Event>().AsNoTracking().SingleAsync(e => e.Id == reg.EventId, ct);
        if (ev.Status == EventStatus.Canceled || now >= ev.EndsAt) return false;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            if (!await ClaimPlaceAsync(ev.Id, ct))
            {
                await tx.RollbackAsync(ct);
                return false;
            }
            var ticket = ev.Kind == EventKind.InPerson ? EventTickets.NewCode() : reg.TicketCode;
            var sequence = Math.Max(reg.Sequence + 1, ev.Sequence);
            var changed = await db.Set<EventRegistration>().Where(r => r.Id == reg.Id && r.Status == RegistrationStatus.Requested)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Confirmed).SetProperty(r => r.ConfirmedAt, now)
                    .SetProperty(r => r.DecidedAt, now).SetProperty(r => r.DecidedBy, Trim(staffEmail))
                    .SetProperty(r => r.TicketCode, ticket).SetProperty(r => r.Sequence, sequence), ct);
            if (changed == 0)
            {
                await tx.RollbackAsync(ct);
                return false;
            }
            await tx.CommitAsync(ct);
        }
        log.LogInformation("Registration {RegistrationId} for event {EventId} approved by {Staff}", reg.Id, ev.Id, staffEmail);
        await MailConfirmedAsync(ev, reg.Id, ConfirmationReason.Approved, ct);
        return true;
    }

    public async Task<bool> DeclineAsync(long registrationId, string staffEmail, CancellationToken ct)
    {
        var now = Now;
        var changed = await db.Set<EventRegistration>().Where(r => r.Id == registrationId && r.Status == RegistrationStatus.Requested)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Declined)
                .SetProperty(r => r.DecidedAt, now).SetProperty(r => r.DecidedBy, Trim(staffEmail)), ct);
        if (changed == 0) return false;
        var reg = await db.Set<EventRegistration>().AsNoTracking().SingleAsync(r => r.Id == registrationId, ct);
        var ev = await db.Set<Event>().AsNoTracking().SingleAsync(e => e.Id == reg.EventId, ct);
        log.LogInformation("Registration {RegistrationId} for event {EventId} declined by {Staff}", reg.Id, ev.Id, staffEmail);
        if (await InviteeAsync(reg.UserId, ct) is { } who) await mails.DeclinedAsync(ev, reg, who, ct);
        return true;
    }

    /// <summary>Takes one place if one is left; the WHERE is the capacity check, so concurrent claims cannot overfill.</summary>
    private async Task<bool> ClaimPlaceAsync(int eventId, CancellationToken ct) =>
        await db.Set<Event>()
            .Where(e => e.Id == eventId && e.Status == EventStatus.Scheduled && (e.Capacity == null || e.ConfirmedCount < e.Capacity))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ConfirmedCount, e => e.ConfirmedCount + 1), ct) == 1;

    private Task<int> ReleasePlaceAsync(int eventId, CancellationToken ct) =>
        db.Set<Event>().Where(e => e.Id == eventId && e.ConfirmedCount > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ConfirmedCount, e => e.ConfirmedCount - 1), ct);

    /// <summary>Inside the caller's transaction: gives a free place to the longest-waiting member. Null when no place
    /// is left or nobody waits.</summary>
    private async Task<long?> PromoteNextAsync(Event ev, DateTime now, CancellationToken ct)
    {
        for (var attempt = 0; attempt < PromotionAttempts; attempt++)
        {
            var next = await db.Set<EventRegistration>().AsNoTracking()
                .Where(r => r.EventId == ev.Id && r.Status == RegistrationStatus.Waitlisted)
                .OrderBy(r => r.QueuedAt).ThenBy(r => r.Id)
                .Select(r => new { r.Id, r.Sequence })
                .FirstOrDefaultAsync(ct);
            if (next is null || !await ClaimPlaceAsync(ev.Id, ct)) return null;
            var ticket = ev.Kind == EventKind.InPerson ? EventTickets.NewCode() : null;
            var sequence = Math.Max(next.Sequence + 1, ev.Sequence);
            var changed = await db.Set<EventRegistration>().Where(r => r.Id == next.Id && r.Status == RegistrationStatus.Waitlisted)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Confirmed).SetProperty(r => r.ConfirmedAt, now)
                    .SetProperty(r => r.TicketCode, r => ticket ?? r.TicketCode).SetProperty(r => r.Sequence, sequence), ct);
            if (changed == 1) return next.Id;
            await ReleasePlaceAsync(ev.Id, ct); // they left meanwhile: the place goes to the next one
        }
        return null;
    }

    private async Task MailConfirmedAsync(Event ev, long registrationId, ConfirmationReason reason, CancellationToken ct)
    {
        var reg = await db.Set<EventRegistration>().AsNoTracking().SingleAsync(r => r.Id == registrationId, ct);
        if (await InviteeAsync(reg.UserId, ct) is { } who) await mails.ConfirmedAsync(ev, reg, who, reason, ct);
    }

    internal Task<Invitee?> InviteeAsync(string userId, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId && u.Email != null)
            .Select(u => new Invitee(u.Email!, u.DisplayName ?? u.Email!)).SingleOrDefaultAsync(ct);

    private static string Trim(string s) => s.Length > 256 ? s[..256] : s;

    private static RegisterResult Held(EventRegistration reg) => new(RegisterOutcome.AlreadyHeld, reg, reg.Status switch
    {
        RegistrationStatus.Confirmed => "You already have a place at this event.",
        RegistrationStatus.Waitlisted => "You are already on the waitlist.",
        _ => "Your request is already with the organisers.",
    });
}
