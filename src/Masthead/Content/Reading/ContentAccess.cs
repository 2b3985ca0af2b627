using System.Linq.Expressions;
using Masthead.Membership;

namespace Masthead.Content.Reading;

/// <summary>Who may read an article's body. Every channel (page, JSON API, feeds, JSON-LD, search, email)
/// asks here with the reader's <see cref="ReaderTier"/>, so the rule lives in one place:
/// public → everyone; members → free, PRO and staff; PRO → PRO and staff.</summary>
public static class ContentAccess
{
    public static bool CanReadBody(ReaderTier tier, AccessLevel level) => level switch
    {
        AccessLevel.Public => true,
        AccessLevel.Members => tier is ReaderTier.Free or ReaderTier.Pro or ReaderTier.Staff,
        AccessLevel.Pro => tier is ReaderTier.Pro or ReaderTier.Staff,
        _ => false,
    };

    /// <summary>The same rule once a reading meter is involved: a public piece is closed to a metered reader
    /// (anonymous or free) whose allowance is spent. Gated pieces ignore the meter entirely.</summary>
    public static bool CanReadBody(ReaderTier tier, AccessLevel level, bool meterExhausted) =>
        CanReadBody(tier, level) && !(level == AccessLevel.Public && meterExhausted && IsMetered(tier));

    /// <summary>Readers whose public reading is counted: PRO members and staff read without a meter.</summary>
    public static bool IsMetered(ReaderTier tier) => tier is ReaderTier.Anonymous or ReaderTier.Free;

    /// <summary>Channels without a reader (feeds, sitemaps, shared caches, emails to lists) see what an
    /// anonymous reader sees.</summary>
    public static bool IsOpenToEveryone(AccessLevel level) => CanReadBody(ReaderTier.Anonymous, level);

    /// <summary>The access levels whose bodies a tier may read, for queries that filter in the database
    /// (search): <c>Where(ContentAccess.BodyReadableBy(tier))</c>.</summary>
    public static IReadOnlyList<AccessLevel> LevelsReadableBy(ReaderTier tier) =>
        Enum.GetValues<AccessLevel>().Where(level => CanReadBody(tier, level)).ToArray();

    public static Expression<Func<Article, bool>> BodyReadableBy(ReaderTier tier)
    {
        var levels = LevelsReadableBy(tier);
        return a => levels.Contains(a.Access);
    }
}
