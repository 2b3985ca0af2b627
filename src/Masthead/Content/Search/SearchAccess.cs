using Masthead.Membership;

namespace Masthead.Content.Search;

/// <summary>Which access levels a tier may read in full; everything else is searchable by its open
/// fields only (title, dek, byline, section, tags) and shows its dek as the snippet.</summary>
internal static class SearchAccess
{
    // TODO merge: use ContentAccess (the paywall branch moves it to ReaderTier); this mirrors today's rule.
    public static bool CanReadBody(ReaderTier tier, AccessLevel level) => level switch
    {
        AccessLevel.Public => true,
        AccessLevel.Members => tier is ReaderTier.Free or ReaderTier.Pro or ReaderTier.Staff,
        AccessLevel.Pro => tier is ReaderTier.Pro or ReaderTier.Staff,
        _ => false,
    };

    public static IReadOnlyList<AccessLevel> Readable(ReaderTier tier) =>
        Enum.GetValues<AccessLevel>().Where(l => CanReadBody(tier, l)).ToList();

    /// <summary>The levels as a SQL list of integers. Built from the enum, never from input.</summary>
    public static string SqlList(IEnumerable<AccessLevel> levels) => string.Join(",", levels.Select(l => ((int)l).ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
