using Masthead.Data;
using Masthead.Site;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Events.Admin;

/// <summary>An event's registrations with each member's name and email from the users table (by UserId).</summary>
public sealed class EventRegistrants(MastheadDb db)
{
    public sealed record Row(long Id, string UserId, string Name, string Email, RegistrationStatus Status, DateTime CreatedAt,
        DateTime QueuedAt, DateTime? ConfirmedAt, DateTime? CanceledAt, DateTime? DecidedAt, string? DecidedBy, string RequestNote,
        string? TicketCode, DateTime? CheckedInAt, string? CheckedInBy);

    public static readonly string[] CsvHeader = ["name", "email", "status", "registered_at", "confirmed_at", "checked_in_at", "note"];

    /// <summary>Every registration of the event, each status in its queue order (the waitlist oldest first).</summary>
    public Task<List<Row>> ListAsync(int eventId, CancellationToken ct) =>
        Query(eventId).OrderBy(j => j.R.Status).ThenBy(j => j.R.QueuedAt).ThenBy(j => j.R.Id).Select(ToRow).ToListAsync(ct);

    /// <summary>Confirmed registrants whose name or email contains <paramref name="search"/> (any case); all of
    /// them for an empty search. Names first, for the door.</summary>
    public Task<List<Row>> ConfirmedAsync(int eventId, string? search, CancellationToken ct)
    {
        var query = Query(eventId).Where(j => j.R.Status == RegistrationStatus.Confirmed);
        if (search?.Trim().ToLowerInvariant() is { Length: > 0 } term)
        {
            query = query.Where(j => j.Name.ToLower().Contains(term) || j.Email.ToLower().Contains(term));
        }
        return query.OrderBy(j => j.Name).ThenBy(j => j.R.Id).Take(200).Select(ToRow).ToListAsync(ct);
    }

    /// <summary>Writes the event's registrations as CSV (every cell through <see cref="SafeCsv"/>); returns the row count.</summary>
    public async Task<int> ExportAsync(int eventId, TextWriter output, CancellationToken ct)
    {
        var rows = await ListAsync(eventId, ct);
        await using var csv = new SafeCsv(output);
        await csv.WriteRowAsync(CsvHeader);
        foreach (var r in rows)
        {
            await csv.WriteRowAsync(r.Name, r.Email, StatusWord(r.Status), SafeCsv.Time(r.CreatedAt), SafeCsv.Time(r.ConfirmedAt),
                SafeCsv.Time(r.CheckedInAt), r.RequestNote);
        }
        await csv.FlushAsync();
        return rows.Count;
    }

    public static string StatusWord(RegistrationStatus status) => status switch
    {
        RegistrationStatus.Confirmed => "confirmed",
        RegistrationStatus.Waitlisted => "waitlisted",
        RegistrationStatus.Requested => "requested",
        RegistrationStatus.Declined => "declined",
        _ => "canceled",
    };

    private sealed class Joined
    {
        public required EventRegistration R { get; init; }
        public required string Name { get; init; }
        public required string Email { get; init; }
    }

    private static readonly System.Linq.Expressions.Expression<Func<Joined, Row>> ToRow = j => new Row(j.R.Id, j.R.UserId, j.Name, j.Email,
        j.R.Status, j.R.CreatedAt, j.R.QueuedAt, j.R.ConfirmedAt, j.R.CanceledAt, j.R.DecidedAt, j.R.DecidedBy, j.R.RequestNote,
        j.R.TicketCode, j.R.CheckedInAt, j.R.CheckedInBy);

    private IQueryable<Joined> Query(int eventId) =>
        from r in db.Set<EventRegistration>().AsNoTracking()
        join u in db.Users.AsNoTracking() on r.UserId equals u.Id
        where r.EventId == eventId
        select new Joined { R = r, Name = u.DisplayName ?? u.Email ?? "", Email = u.Email ?? "" };
}
