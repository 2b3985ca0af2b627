using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Events.Admin;

/// <summary>Decides whether a saved edit is one registrants must hear of (a published event with registrants whose
/// start, end, venue, address or video link changed), words what changed, and hands it to the events core, which
/// raises the SEQUENCE and mails everyone the update with the new invitation.</summary>
public sealed class EventChangeNotices(MastheadDb db, EventChanges changes)
{
    public sealed record Snapshot(int Id, DateTime StartsAt, DateTime EndsAt, string TimeZoneId, string? VenueName,
        string? VenueAddress, string? VideoUrl, int? Capacity, bool Published)
    {
        public static Snapshot Of(Event e) =>
            new(e.Id, e.StartsAt, e.EndsAt, e.TimeZoneId, e.VenueName, e.VenueAddress, e.VideoUrl, e.Capacity, e.PublishedAt is not null);
    }

    /// <summary>What changed in words, or null when nothing registrants care about did.</summary>
    public static string? Describe(Snapshot before, Snapshot after)
    {
        var changes = new List<string>();
        if (before.StartsAt != after.StartsAt || before.EndsAt != after.EndsAt || before.TimeZoneId != after.TimeZoneId)
        {
            changes.Add($"The event now takes place {EventZones.FormatSpan(after.StartsAt, after.EndsAt, after.TimeZoneId)}, "
                + $"instead of {EventZones.FormatSpan(before.StartsAt, before.EndsAt, before.TimeZoneId)}.");
        }
        if (before.VenueName != after.VenueName || before.VenueAddress != after.VenueAddress)
        {
            var place = string.Join(", ", new[] { after.VenueName, after.VenueAddress }.Where(x => !string.IsNullOrEmpty(x)));
            changes.Add(place.Length > 0 ? $"The venue is now {place}." : "The venue has changed.");
        }
        // The link itself is not written here: the invitation carries it only to those who may see it.
        if (before.VideoUrl != after.VideoUrl) changes.Add("The video link has changed: use the one in the updated invitation.");
        return changes.Count == 0 ? null : string.Join(" ", changes);
    }

    /// <summary>Tells registrants after a save; returns what they were told, or null when nobody needed telling.</summary>
    public async Task<string?> AfterSaveAsync(Snapshot before, Snapshot after, CancellationToken ct)
    {
        if (!before.Published || !after.Published) return null;
        if (Describe(before, after) is not { } what) return null;
        var hasRegistrants = await db.Set<EventRegistration>().AnyAsync(r => r.EventId == after.Id
            && (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.Waitlisted || r.Status == RegistrationStatus.Requested), ct);
        if (!hasRegistrants) return null;
        await changes.NotifyChangedAsync(after.Id, what, ct);
        return what;
    }
}
