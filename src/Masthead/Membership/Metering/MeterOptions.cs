using System.ComponentModel.DataAnnotations;

namespace Masthead.Membership.Metering;

/// <summary>Paywall:Meter — how many public articles an anonymous or free reader reads in full per window.</summary>
public sealed class MeterOptions
{
    public const string Section = "Paywall:Meter";

    /// <summary>Public articles readable in full per window; 0 turns metering off (public stays open to all).
    /// Capped so the cookie that counts them stays small.</summary>
    [Range(0, 100)] public int FreeArticles { get; set; } = 5;

    /// <summary>A counted read stops counting this long after it was counted (a rolling window).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "366.00:00:00")] public TimeSpan Window { get; set; } = TimeSpan.FromDays(30);

    public bool Enabled => FreeArticles > 0;
}
