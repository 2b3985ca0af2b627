using Masthead.Content;
using Masthead.Content.Admin;
using Masthead.Data;
using Masthead.Site;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Events.Admin;

/// <summary>Every change staff make to an event's details goes through here: validation (nothing is saved when any
/// field is wrong), the Markdown rendered and sanitised like an article's, the capacity written by a conditional
/// update so it never drops below the places confirmed meanwhile, and registrants told of a change of time or place.</summary>
public sealed class EventEditor(MastheadDb db, MarkdownRenderer renderer, TimeProvider time, IOutputCacheStore cache,
    EventChangeNotices notices, EventRegistrations registrations)
{
    public const string StaleMessage =
        "This event was changed by someone else after you opened it. Nothing was saved: reload it to see the latest version, then make your change again.";

    public async Task<EventSaveResult> SaveAsync(int? id, EventInput input, EventCommand command, string staff, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        Event? ev = null;
        if (id is { } existingId)
        {
            ev = await db.Set<Event>().Include(e => e.Speakers).FirstOrDefaultAsync(e => e.Id == existingId, ct);
            if (ev is null) return Fail("", "This event no longer exists.");
            if (ev.Status == EventStatus.Canceled) return Fail("", "This event was canceled: it can no longer be changed.");
            if (ev.UpdatedAt.Ticks != input.Stamp) return Fail("", StaleMessage);
        }

        var errors = new Dictionary<string, string>();
        void Check(string key, string? error) { if (error is not null) errors.TryAdd(key, error); }

        if (!Enum.IsDefined(input.Kind)) Check(nameof(input.Kind), "Choose live Q&A or in person.");
        if (!Enum.IsDefined(input.Admission)) Check(nameof(input.Admission), "Choose open registration or by invitation.");
        if (!Enum.IsDefined(input.Access)) Check(nameof(input.Access), "Choose who may register.");

        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0) Check(nameof(input.Title), "Enter a title.");
        else if (title.Length > 300) Check(nameof(input.Title), "Keep the title under 300 characters.");
        var (slug, slugError) = await SlugField.CheckAsync(input.Slug, title,
            s => db.Set<Event>().AnyAsync(e => e.Slug == s && e.Id != (id ?? 0), ct));
        Check(nameof(input.Slug), slugError);
        var (summary, summaryError) = EventFieldChecks.Optional(input.Summary, 600, "summary");
        Check(nameof(input.Summary), summaryError);

        var zone = EventZones.Find(input.TimeZoneId);
        if (zone is null) Check(nameof(input.TimeZoneId), $"“{input.TimeZoneId?.Trim()}” is not a time zone this server knows. Enter an IANA name such as Asia/Dubai, Europe/London or UTC.");
        var starts = ReadTime(input.StartsAt, zone, nameof(input.StartsAt), "start", errors);
        var ends = ReadTime(input.EndsAt, zone, nameof(input.EndsAt), "end", errors);
        if (starts is { } s && ends is { } e && e <= s) Check(nameof(input.EndsAt), "The end must be after the start.");

        var (capacity, capacityError) = EventFieldChecks.Capacity(input.Capacity);
        Check(nameof(input.Capacity), capacityError);
        if (capacityError is null && capacity is { } c && ev is not null && ev.ConfirmedCount > c)
            Check(nameof(input.Capacity), CapacityBelowConfirmed(ev.ConfirmedCount, c));

        var (venue, venueError) = EventFieldChecks.Optional(input.VenueName, 200, "venue name");
        Check(nameof(input.VenueName), venueError);
        var (address, addressError) = EventFieldChecks.Optional(input.VenueAddress, 400, "address");
        Check(nameof(input.VenueAddress), addressError);
        var (video, videoError) = EventFieldChecks.HttpsUrl(input.VideoUrl, "video link");
        Check(nameof(input.VideoUrl), videoError);
        var (recording, recordingError) = EventFieldChecks.HttpsUrl(input.RecordingUrl, "recording address");
        Check(nameof(input.RecordingUrl), recordingError);
        if (input.RecordingMediaId is { } mediaId)
        {
            if (recording is not null) Check(nameof(input.RecordingMediaId), "Give either a recording address or an uploaded video, not both.");
            else if (!await db.MediaAssets.AnyAsync(m => m.Id == mediaId && m.ContentType.StartsWith("video/"), ct))
                Check(nameof(input.RecordingMediaId), "That video is no longer in the media library.");
        }

        // A draft may wait for its venue or link; what readers can see (published) must say where to go.
        var published = command == EventCommand.Publish || (command == EventCommand.Save && ev?.PublishedAt is not null);
        if (published && input.Kind == EventKind.InPerson)
        {
            if (venue is null && venueError is null) Check(nameof(input.VenueName), "An in-person event needs its venue before it is published.");
            if (address is null && addressError is null) Check(nameof(input.VenueAddress), "An in-person event needs the venue's address before it is published.");
        }
        if (published && input.Kind == EventKind.LiveQa && video is null && videoError is null)
            Check(nameof(input.VideoUrl), "A live Q&A needs its video link before it is published.");

        var authorIds = input.Speakers.Where(x => x.AuthorId is not null).Select(x => x.AuthorId!.Value).Distinct().ToList();
        var authors = await db.Authors.AsNoTracking().Where(a => authorIds.Contains(a.Id))
            .Select(a => new EventFieldChecks.Author(a.Id, a.Name, a.Bio)).ToDictionaryAsync(a => a.Id, ct);
        var (speakers, speakersError) = EventFieldChecks.Speakers(input.Speakers, authors);
        Check(nameof(input.Speakers), speakersError);

        if (errors.Count > 0) return new(null, errors);

        var before = ev is null ? null : EventChangeNotices.Snapshot.Of(ev);
        ev ??= db.Set<Event>().Add(new Event { Slug = slug, Title = title, TimeZoneId = zone!.Id, CreatedAt = now, Capacity = capacity }).Entity;
        ev.Kind = input.Kind;
        ev.Admission = input.Admission;
        ev.Slug = slug;
        ev.Title = title;
        ev.Summary = summary ?? "";
        ev.DescriptionMarkdown = input.Description ?? "";
        ev.DescriptionHtml = renderer.ToHtml(ev.DescriptionMarkdown);
        ev.TimeZoneId = zone!.Id;
        ev.StartsAt = starts!.Value;
        ev.EndsAt = ends!.Value;
        ev.VenueName = venue;
        ev.VenueAddress = address;
        ev.VideoUrl = video;
        ev.RecordingUrl = recording;
        ev.RecordingMediaId = recording is null ? input.RecordingMediaId : null;
        ev.Access = input.Access;
        ev.UpdatedAt = now;
        if (command == EventCommand.Publish && ev.PublishedAt is null) ev.PublishedAt = now;
        if (command == EventCommand.Unpublish) ev.PublishedAt = null;
        ev.Speakers.Clear();
        ev.Speakers.AddRange(speakers);

        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Someone took the slug between our check and our write: the unique index caught it.
                db.ChangeTracker.Clear();
                if (await db.Set<Event>().AnyAsync(x => x.Slug == slug && x.Id != (id ?? 0), ct))
                    return Fail(nameof(input.Slug), $"The slug “{slug}” is already taken. Choose a different one.");
                throw;
            }
            // Registrations raise ConfirmedCount by conditional updates of their own, so the capacity is written the
            // same way: never below what is confirmed at this instant.
            if (before is not null && before.Capacity != capacity)
            {
                var eventId = ev.Id;
                var written = await db.Set<Event>().Where(x => x.Id == eventId && (capacity == null || x.ConfirmedCount <= capacity))
                    .ExecuteUpdateAsync(u => u.SetProperty(x => x.Capacity, capacity), ct);
                if (written == 0)
                {
                    await tx.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    var confirmed = await db.Set<Event>().Where(x => x.Id == eventId).Select(x => x.ConfirmedCount).SingleAsync(ct);
                    return Fail(nameof(input.Capacity), CapacityBelowConfirmed(confirmed, capacity!.Value));
                }
            }
            await tx.CommitAsync(ct);
        }

        var notified = before is null ? null : await notices.AfterSaveAsync(before, EventChangeNotices.Snapshot.Of(ev), ct);
        // More places (or no limit now): the waitlist moves up by itself, oldest first, each told by mail.
        if (before?.Capacity is { } was && (capacity is null || capacity > was)) await registrations.PromoteWaitlistAsync(ev.Id, ct);
        await cache.EvictByTagAsync(SiteModule.ContentCacheTag, ct);
        return new(ev.Id, new Dictionary<string, string>(), notified);
    }

    public static string CapacityBelowConfirmed(int confirmed, int capacity) =>
        $"{confirmed} {(confirmed == 1 ? "place is" : "places are")} already confirmed: capacity can't be {capacity}.";

    private static DateTime? ReadTime(string? entered, TimeZoneInfo? zone, string key, string what, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(entered))
        {
            errors.TryAdd(key, $"Enter the {what} date and time.");
            return null;
        }
        if (!EventZones.TryParseLocal(entered, out var local))
        {
            errors.TryAdd(key, $"Enter the {what} as a date and time, e.g. 2026-12-10T18:00.");
            return null;
        }
        if (zone is null) return null;
        var (utc, error) = EventZones.ToUtc(local, zone);
        if (error is not null)
        {
            errors.TryAdd(key, error);
            return null;
        }
        return utc;
    }

    private static EventSaveResult Fail(string key, string message) => new(null, new Dictionary<string, string> { [key] = message });
}
