using System.Globalization;
using Masthead.Content;

namespace Masthead.Events.Pages;

/// <summary>How events read on the reader site. Times are written in the event's own zone, named as the mails name it
/// (its abbreviation then and its IANA id), so the page is right without script; local-time.js adds the reader's own
/// zone beside it.</summary>
public static class EventDisplay
{
    public static string KindLabel(EventKind kind) => kind == EventKind.InPerson ? "In person" : "Live Q&A";

    public static TimeZoneInfo Zone(string timeZoneId) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    public static DateTime Local(string timeZoneId, DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone(timeZoneId));

    /// <summary>As the mails write it (<see cref="EventTimes"/>): "Monday 23 November 2026, 13:00–14:00 UTC+04 (Asia/Dubai)".</summary>
    public static string When(string timeZoneId, DateTime startsAt, DateTime endsAt) => EventTimes.When(startsAt, endsAt, timeZoneId);

    /// <summary>The short form of listings: "23 Nov 2026, 13:00 UTC+04 (Asia/Dubai)".</summary>
    public static string Starts(string timeZoneId, DateTime startsAt) =>
        $"{Local(timeZoneId, startsAt).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture)} {EventTimes.Abbreviation(startsAt, timeZoneId)} ({timeZoneId})";

    /// <summary>ISO 8601 with the event zone's offset, as schema.org's startDate wants it: 2026-12-08T18:00:00+04:00.</summary>
    public static string IsoWithOffset(string timeZoneId, DateTime utc)
    {
        var zone = Zone(timeZoneId);
        var offset = zone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        return new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    public static string PhaseLabel(EventPhase phase) => phase switch
    {
        EventPhase.Live => "Live now",
        EventPhase.Ended => "Ended",
        EventPhase.Canceled => "Canceled",
        _ => "Upcoming",
    };

    /// <summary>What the listing and page say of places: "By invitation", "3 places left", "Waitlist open"; null when
    /// it no longer matters (over or canceled) or there is no limit.</summary>
    public static string? Places(EventAdmission admission, int? placesLeft, EventPhase phase)
    {
        if (phase is EventPhase.Ended or EventPhase.Canceled) return null;
        if (admission == EventAdmission.ByInvitation) return "By invitation";
        return placesLeft switch
        {
            null => null,
            0 => "Waitlist open",
            1 => "1 place left",
            var n => $"{n} places left",
        };
    }

    public static string? AccessBadge(AccessLevel access) => access switch
    {
        AccessLevel.Pro => "PRO",
        AccessLevel.Members => "Members",
        _ => null,
    };

    public static string Path(string slug) => $"/events/{slug}";
}
