namespace Masthead.Membership;

/// <summary>The reader's tier, asked of <see cref="IEntitlements"/> at most once per request and kept in
/// <see cref="HttpContext.Items"/>, so the cache policy, the page and any partial agree and billing's lookup
/// runs once.</summary>
public static class ReaderTiers
{
    private static readonly object Key = new();

    public static async ValueTask<ReaderTier> ReaderTierAsync(this HttpContext http, CancellationToken ct = default)
    {
        if (http.Items.TryGetValue(Key, out var cached) && cached is ReaderTier tier) return tier;
        // Anonymous is decided without a service call: the hot path (cached anonymous pages) stays cheap.
        tier = http.User.Identity?.IsAuthenticated == true
            ? await http.RequestServices.GetRequiredService<IEntitlements>().TierAsync(http.User, ct)
            : ReaderTier.Anonymous;
        http.Items[Key] = tier;
        return tier;
    }
}
