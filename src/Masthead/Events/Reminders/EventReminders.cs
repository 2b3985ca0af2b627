using System.ComponentModel.DataAnnotations;
using Masthead.Data;
using Masthead.Delivery;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Events;

public sealed class EventReminderOptions
{
    public const string Section = "Events:Reminders";

    /// <summary>Off: no worker runs the passes (a test or another instance may still call the pass).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often due reminders are looked for. A reminder goes out at most this late.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Registrations read and queued per round trip.</summary>
    [Range(1, 10_000)] public int BatchSize { get; set; } = 500;
}

/// <param name="Events">Events whose reminders of one kind were queued in full by this pass.</param>
/// <param name="Queued">Reminders handed to the outbox (those queued before under the same key are no-ops there).</param>
public sealed record ReminderPassReport(int Events, int Queued);

/// <summary>The day-before and hour-before reminders, to each confirmed registrant. The outbox's unique message key
/// (<see cref="EventMails.ReminderKey"/>) is what makes each one go once: a pass stopped half way and run again,
/// or run by two instances at once, queues the same keys and the outbox keeps the first. <see cref="Event.DayReminderFor"/>
/// and <see cref="Event.HourReminderFor"/> record the start a kind was queued in full for, so later passes skip the
/// event; an event moved to another start is reminded again. An hour reminder due together with the day reminder
/// (the pass first ran less than an hour before the start) replaces it.</summary>
public sealed class EventReminders(MastheadDb db, EventMails mails, Mailer mailer, TimeProvider time,
    Microsoft.Extensions.Options.IOptions<EventReminderOptions> options, ILogger<EventReminders> log)
{
    public static readonly TimeSpan DayBefore = TimeSpan.FromHours(24);
    public static readonly TimeSpan HourBefore = TimeSpan.FromHours(1);

    public async Task<ReminderPassReport> RunPassAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var dayHorizon = now + DayBefore;
        var due = await db.Set<Event>().AsNoTracking()
            .Where(e => e.Status == EventStatus.Scheduled && e.PublishedAt != null && e.PublishedAt <= now
                && e.StartsAt > now && e.StartsAt <= dayHorizon
                && (e.DayReminderFor == null || e.DayReminderFor != e.StartsAt || e.HourReminderFor == null || e.HourReminderFor != e.StartsAt))
            .OrderBy(e => e.StartsAt)
            .ToListAsync(ct);
        int events = 0, queued = 0;
        foreach (var ev in due)
        {
            var kind = ev.StartsAt <= now + HourBefore ? ReminderKind.HourBefore : ReminderKind.DayBefore;
            if (kind == ReminderKind.HourBefore ? ev.HourReminderFor == ev.StartsAt : ev.DayReminderFor == ev.StartsAt) continue;
            queued += await QueueAsync(ev, kind, ct);
            // Conditional on the start read: had the event moved meanwhile, its new start is still due.
            var startsAt = ev.StartsAt;
            await db.Set<Event>().Where(e => e.Id == ev.Id && e.StartsAt == startsAt)
                .ExecuteUpdateAsync(s =>
                {
                    s.SetProperty(e => e.DayReminderFor, startsAt);
                    if (kind == ReminderKind.HourBefore) s.SetProperty(e => e.HourReminderFor, startsAt);
                }, ct);
            events++;
            log.LogInformation("Queued {Kind} reminders for event {EventId}", kind, ev.Id);
        }
        return new(events, queued);
    }

    private async Task<int> QueueAsync(Event ev, ReminderKind kind, CancellationToken ct)
    {
        var batch = options.Value.BatchSize;
        var queued = 0;
        long after = 0;
        while (true)
        {
            var page = await (from r in db.Set<EventRegistration>().AsNoTracking()
                              join u in db.Users.AsNoTracking() on r.UserId equals u.Id
                              where r.EventId == ev.Id && r.Status == RegistrationStatus.Confirmed && r.Id > after && u.Email != null
                              orderby r.Id
                              select new { Reg = r, u.Email, u.DisplayName }).Take(batch).ToListAsync(ct);
            if (page.Count == 0) return queued;
            foreach (var x in page)
            {
                var mail = mails.Reminder(ev, x.Reg, new Invitee(x.Email!, x.DisplayName ?? x.Email!), kind);
                try
                {
                    await mailer.SendAsync(mail, ct);
                    queued++;
                }
                catch (MailHeaderException e)
                {
                    log.LogWarning("Reminder for registration {RegistrationId} not queued: {Reason}", x.Reg.Id, e.Message);
                }
            }
            after = page[^1].Reg.Id;
        }
    }
}
