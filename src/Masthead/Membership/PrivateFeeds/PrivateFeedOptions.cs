using System.ComponentModel.DataAnnotations;

namespace Masthead.Membership.PrivateFeeds;

public sealed class PrivateFeedOptions
{
    public const string Section = "Membership:PrivateFeeds";

    /// <summary>Feed requests one token may make per <see cref="Window"/>. Feed readers poll every 15 to 60
    /// minutes; 60 an hour leaves room for a few readers and both formats, and stops a leaked address being
    /// hammered.</summary>
    [Range(1, 100_000)] public int RequestsPerWindow { get; set; } = 60;
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
}
