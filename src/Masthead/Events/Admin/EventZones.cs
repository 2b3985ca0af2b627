using System.Globalization;

namespace Masthead.Events.Admin;

/// <summary>An event's times as staff enter them: wall-clock date and time in the event's own zone (an IANA id),
/// stored in UTC. A local time that a daylight-saving change skips does not exist and is refused; one that happens
/// twice (the hour the clocks go back) is read as the later, standard-time one, as TimeZoneInfo does.</summary>
public static class EventZones
{
    /// <summary>Offered in the form's suggestion list; any IANA id the server knows is accepted.</summary>
    public static readonly IReadOnlyList<string> Common =
    [
        "UTC", "Asia/Dubai", "Asia/Riyadh", "Asia/Qatar", "Asia/Bahrain", "Asia/Kuwait", "Asia/Muscat", "Asia/Baghdad",
        "Asia/Tehran", "Asia/Jerusalem", "Asia/Beirut", "Asia/Amman", "Asia/Damascus", "Europe/Istanbul", "Africa/Cairo",
        "Europe/London", "Europe/Paris", "Europe/Berlin", "America/New_York", "America/Chicago", "America/Los_Angeles",
        "Asia/Singapore", "Asia/Tokyo",
    ];

    public const string InputFormat = "yyyy-MM-ddTHH:mm";
    private static readonly string[] InputFormats = [InputFormat, "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];

    /// <summary>The zone for a stored or entered id; null when this server does not know it. A Windows id is
    /// accepted only when it maps to an IANA one (the id that is stored).</summary>
    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64) return null;
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
            if (zone.HasIanaId) return zone;
            return TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? TimeZoneInfo.FindSystemTimeZoneById(iana) : null;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    public static bool TryParseLocal(string? text, out DateTime local) =>
        DateTime.TryParseExact(text?.Trim(), InputFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out local);

    /// <summary>The UTC instant of a wall-clock time in the zone, or the reason there is none.</summary>
    public static (DateTime Utc, string? Error) ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            return (default, $"{unspecified.ToString("HH:mm on d MMMM yyyy", CultureInfo.InvariantCulture)} does not exist in {zone.Id}: "
                + "the clocks go forward then and skip it. Choose a time after the change.");
        }
        return (TimeZoneInfo.ConvertTimeToUtc(unspecified, zone), null);
    }

    public static DateTime ToLocal(DateTime utc, string zoneId) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Find(zoneId) ?? TimeZoneInfo.Utc);

    /// <summary>"Thu 10 Dec 2026, 18:00" in the event's zone.</summary>
    public static string Format(DateTime utc, string zoneId) =>
        ToLocal(utc, zoneId).ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"Thu 10 Dec 2026, 18:00–20:00 (Asia/Dubai)"; the end's date is written out when it is another day.</summary>
    public static string FormatSpan(DateTime startsUtc, DateTime endsUtc, string zoneId)
    {
        var start = ToLocal(startsUtc, zoneId);
        var end = ToLocal(endsUtc, zoneId);
        var endText = end.Date == start.Date
            ? end.ToString("HH:mm", CultureInfo.InvariantCulture)
            : end.ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);
        return $"{start.ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture)}–{endText} ({zoneId})";
    }

    /// <summary>The value of an &lt;input type="datetime-local"&gt; for a stored instant.</summary>
    public static string ForInput(DateTime utc, string zoneId) => ToLocal(utc, zoneId).ToString(InputFormat, CultureInfo.InvariantCulture);
}
