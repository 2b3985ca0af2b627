namespace Masthead.Admin;

public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>IANA (or Windows) time zone id in which editors type schedule times, e.g. "Asia/Beirut".
    /// Times are stored in UTC.</summary>
    public string TimeZone { get; set; } = "UTC";
}

/// <summary>Converts between the newsroom's wall clock (what editors type and read) and stored UTC.</summary>
public sealed class NewsroomClock(Microsoft.Extensions.Options.IOptions<AdminOptions> options, TimeProvider time)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public TimeZoneInfo Zone => _zone;

    public string ZoneName => _zone.Id;

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone);

    /// <summary>Null when the wall-clock time does not exist in the zone (skipped by a daylight-saving change).</summary>
    public DateTime? ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (_zone.IsInvalidTime(unspecified)) return null;
        return TimeZoneInfo.ConvertTimeToUtc(unspecified, _zone);
    }

    /// <summary>For display in admin tables: "2026-11-20 11:00".</summary>
    public string Format(DateTime? utc) => utc is { } u ? ToLocal(u).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "—";

    /// <summary>The value format of an &lt;input type="datetime-local"&gt;.</summary>
    public string ForInput(DateTime? utc) => utc is { } u ? ToLocal(u).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture) : "";
}
