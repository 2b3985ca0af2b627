using System.Globalization;
using NodaTime;

namespace Masthead.Events;

/// <summary>An event's times written as its attendees read them: in the event's own zone, the zone named both by its
/// abbreviation at that instant and by its IANA id: "Tuesday 8 December 2026, 16:00–17:00 CET (Europe/Berlin)".</summary>
public static class EventTimes
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string When(Event ev) => When(ev.StartsAt, ev.EndsAt, ev.TimeZoneId);

    public static string When(DateTime startsAtUtc, DateTime endsAtUtc, string zoneId)
    {
        if (EventInvitations.Zone(zoneId) is not { } zone)
        {
            return $"{Day(startsAtUtc)}, {Clock(startsAtUtc)}–{Clock(endsAtUtc)} UTC";
        }
        var start = TimeZoneInfo.ConvertTimeFromUtc(Utc(startsAtUtc), zone);
        var end = TimeZoneInfo.ConvertTimeFromUtc(Utc(endsAtUtc), zone);
        var (startName, endName) = (Abbreviation(startsAtUtc, zoneId), Abbreviation(endsAtUtc, zoneId));
        if (start.Date != end.Date)
        {
            return $"{Day(start)}, {Clock(start)} {startName} – {Day(end)}, {Clock(end)} {endName} ({zoneId})";
        }
        return startName == endName
            ? $"{Day(start)}, {Clock(start)}–{Clock(end)} {startName} ({zoneId})"
            : $"{Day(start)}, {Clock(start)} {startName}–{Clock(end)} {endName} ({zoneId})";
    }

    /// <summary>"CET", "CEST", "EST"; a zone tzdb names only by offset ("+04") is written "UTC+04".</summary>
    public static string Abbreviation(DateTime utc, string zoneId)
    {
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) is not { } zone) return "UTC";
        var name = zone.GetZoneInterval(Instant.FromDateTimeUtc(Utc(utc))).Name;
        return name.Length > 0 && (name[0] == '+' || name[0] == '-') ? "UTC" + name : name;
    }

    private static string Day(DateTime local) => local.ToString("dddd d MMMM yyyy", English);

    private static string Clock(DateTime local) => local.ToString("HH:mm", English);

    private static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);
}
