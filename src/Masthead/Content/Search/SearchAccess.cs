using Masthead.Membership;

namespace Masthead.Content.Search;

/// <summary>Which access levels a tier may read in full; everything else is searchable by its open
/// fields only (title, dek, byline, section, tags) and shows its dek as the snippet.</summary>
internal static class SearchAccess
{
    /// <summary>The paywall's one rule (search is not metered: a result page shows snippets, never a body).</summary>
    public static bool CanReadBody(ReaderTier tier, AccessLevel level) => Reading.ContentAccess.CanReadBody(tier, level);

    public static IReadOnlyList<AccessLevel> Readable(ReaderTier tier) => Reading.ContentAccess.LevelsReadableBy(tier);

    /// <summary>The levels as a SQL list of integers. Built from the enum, never from input.</summary>
    public static string SqlList(IEnumerable<AccessLevel> levels) => string.Join(",", levels.Select(l => ((int)l).ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
