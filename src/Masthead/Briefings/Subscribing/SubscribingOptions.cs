using System.ComponentModel.DataAnnotations;

namespace Masthead.Briefings.Subscribing;

public sealed class SubscribingOptions
{
    public const string Section = "Briefings:Subscribing";

    /// <summary>Seed the ten default briefings at start when there are none (Briefings/Catalog). On by default in
    /// every environment; off only for an install (or a test) that wants to start from an empty table.</summary>
    public bool SeedDefaultLists { get; set; } = true;
    /// <summary>An address that never follows its confirmation link is deleted after this long.</summary>
    public TimeSpan UnconfirmedLifetime { get; set; } = TimeSpan.FromDays(7);
    /// <summary>How often the cleanup of unconfirmed addresses runs.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);
    /// <summary>Signup POSTs allowed per IP address and window (the home, article and embedded forms).</summary>
    [Range(1, 10_000)] public int IpPermitLimit { get; set; } = 10;
    public TimeSpan IpWindow { get; set; } = TimeSpan.FromMinutes(10);
}
