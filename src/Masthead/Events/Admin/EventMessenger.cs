using System.Text.RegularExpressions;
using Masthead.Accounts;
using Masthead.Data;
using Masthead.Delivery;
using Masthead.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Events.Admin;

/// <summary>Staff messages to an event's registrants, each recipient one outbox mail with the key
/// <c>event/{id}/message/{messageId}/{userId}</c>. A message posted again (a double click, a retry after a crash
/// or a timeout: the same subject, body and audience within <see cref="SameMessageWindow"/>) is the same
/// <see cref="EventMessage"/> row, so its keys are the same and nobody gets it twice; a crash halfway resumes
/// where it stopped. The row is found or written under a lock on the event's row, so two posts at the same
/// instant cannot both write one.</summary>
public sealed partial class EventMessenger(MastheadDb db, Mailer mailer, IOptions<SiteOptions> site, TimeProvider time)
{
    public static readonly TimeSpan SameMessageWindow = TimeSpan.FromHours(24);

    /// <summary>The audiences, as stored in <see cref="EventMessage.Audience"/>.</summary>
    public static readonly IReadOnlyList<(string Key, string Label)> Audiences =
    [
        ("confirmed", "Confirmed"),
        ("waitlisted", "Confirmed and waitlisted"),
        ("all", "Everyone active (confirmed, waitlisted and requests)"),
    ];

    public sealed record Sent(long MessageId, int Recipients, bool Repeated);

    public static RegistrationStatus[]? Statuses(string? audience) => audience switch
    {
        "confirmed" => [RegistrationStatus.Confirmed],
        "waitlisted" => [RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted],
        "all" => [RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted, RegistrationStatus.Requested],
        _ => null,
    };

    public async Task<Dictionary<string, int>> CountsAsync(int eventId, CancellationToken ct)
    {
        var byStatus = await db.Set<EventRegistration>().AsNoTracking().Where(r => r.EventId == eventId)
            .GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return Audiences.ToDictionary(a => a.Key, a => Statuses(a.Key)!.Sum(s => byStatus.GetValueOrDefault(s)));
    }

    /// <summary>The first problem with a message, keyed by field, or none.</summary>
    public static Dictionary<string, string> Check(string? subject, string? body, string? audience)
    {
        var errors = new Dictionary<string, string>();
        var s = subject?.Trim() ?? "";
        if (s.Length == 0) errors["Subject"] = "Write a subject.";
        else if (s.Length > 200) errors["Subject"] = "Keep the subject under 200 characters.";
        else if (Mailer.HasLineBreak(s)) errors["Subject"] = "The subject must be one line.";
        var b = body?.Trim() ?? "";
        if (b.Length == 0) errors["Body"] = "Write the message.";
        else if (b.Length > 10000) errors["Body"] = "Keep the message under 10,000 characters.";
        if (Statuses(audience) is null) errors["Audience"] = "Choose who receives the message.";
        return errors;
    }

    /// <summary>Records and queues the message (call <see cref="Check"/> first). Null when the event does not exist.</summary>
    public async Task<Sent?> SendAsync(int eventId, string subject, string body, string audience, string staff, CancellationToken ct)
    {
        subject = subject.Trim();
        body = body.Trim();
        var statuses = Statuses(audience) ?? throw new ArgumentException("Unknown audience.", nameof(audience));
        var now = time.GetUtcNow().UtcDateTime;
        var ev = await db.Set<Event>().AsNoTracking().Where(e => e.Id == eventId).Select(e => new { e.Title, e.Slug }).FirstOrDefaultAsync(ct);
        if (ev is null) return null;

        var recipients = await (from r in db.Set<EventRegistration>().AsNoTracking()
                                join u in db.Users.AsNoTracking() on r.UserId equals u.Id
                                where r.EventId == eventId && statuses.Contains(r.Status) && u.Email != null
                                orderby r.Id
                                select new { r.UserId, u.Email, u.DisplayName }).ToListAsync(ct);

        var (messageId, repeated) = await RecordAsync(eventId, subject, body, audience, recipients.Count, staff, now, ct);
        var mail = TransactionalEmail.For(site.Value);
        var paragraphs = Paragraphs(body);
        foreach (var r in recipients)
        {
            try
            {
                await mailer.SendAsync(mail.Compose(r.Email!, subject, ev.Title, paragraphs, "See the event",
                    site.Value.Absolute($"/events/{ev.Slug}"),
                    footnote: $"You are receiving this because you registered for {ev.Title}.",
                    toName: PersonNames.Clean(r.DisplayName), messageKey: $"event/{eventId}/message/{messageId}/{r.UserId}"), ct);
            }
            catch (MailHeaderException)
            {
                // An address the mailer cannot use is skipped; the rest still go.
            }
        }
        return new(messageId, recipients.Count, repeated);
    }

    public Task<List<EventMessage>> HistoryAsync(int eventId, CancellationToken ct) =>
        db.Set<EventMessage>().AsNoTracking().Where(m => m.EventId == eventId).OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id)
            .ToListAsync(ct);

    /// <summary>The paragraphs of a plain-text body: split at blank lines, each line break inside kept as a space.</summary>
    public static IReadOnlyList<string> Paragraphs(string body) =>
        BlankLines().Split(body.Replace("\r\n", "\n").Trim())
            .Select(p => string.Join(' ', p.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
            .Where(p => p.Length > 0).ToList();

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex BlankLines();

    private async Task<(long Id, bool Repeated)> RecordAsync(int eventId, string subject, string body, string audience, int count,
        string staff, DateTime now, CancellationToken ct)
    {
        var since = now - SameMessageWindow;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // A no-op write that locks the event's row (the whole database on SQLite) until commit: the look for the same
        // message and the insert of a new one happen one post at a time.
        await db.Set<Event>().Where(e => e.Id == eventId).ExecuteUpdateAsync(u => u.SetProperty(e => e.Sequence, e => e.Sequence), ct);
        var existing = await db.Set<EventMessage>().AsNoTracking()
            .Where(m => m.EventId == eventId && m.Subject == subject && m.Body == body && m.Audience == audience && m.SentAt >= since)
            .OrderBy(m => m.Id).Select(m => (long?)m.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id)
        {
            await tx.CommitAsync(ct);
            return (id, true);
        }
        var message = new EventMessage { EventId = eventId, Subject = subject, Body = body, Audience = audience, Recipients = count, SentBy = staff, SentAt = now };
        db.Set<EventMessage>().Add(message);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (message.Id, false);
    }
}
