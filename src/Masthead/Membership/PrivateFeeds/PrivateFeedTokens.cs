using System.Buffers.Text;
using System.Security.Cryptography;
using Masthead.Accounts;
using Masthead.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Membership.PrivateFeeds;

/// <summary>Issues, rotates, revokes and resolves private feed tokens, and answers what a token's owner may
/// read. The owner's tier is asked of <see cref="IEntitlements"/> for the owner's own account on every call:
/// never the requester's cookie, never a remembered answer of this class.</summary>
public sealed class PrivateFeedTokens(MastheadDb db, TimeProvider time, UserManager<User> users,
    IUserClaimsPrincipalFactory<User> principals, IEntitlements entitlements)
{
    /// <summary>32 random bytes, Base64Url: 43 characters.</summary>
    private const int TokenLength = 43;

    /// <summary>A new token for the user, replacing any other (the old address stops working at once).
    /// Returns the raw token: the only time it exists outside the member's feed reader.</summary>
    public async Task<string> IssueAsync(string userId, CancellationToken ct)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var hash = MagicLinks.Hash(token);
        var now = time.GetUtcNow().UtcDateTime;
        // Update first; a user without a row gets one. Two first requests at once: the loser's insert hits the
        // key and its update then wins, so the address shown last is the one that works.
        if (await ReplaceAsync(userId, hash, now, ct) > 0) return token;
        db.Set<PrivateFeedToken>().Add(new PrivateFeedToken { UserId = userId, TokenHash = hash, CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            await ReplaceAsync(userId, hash, now, ct);
        }
        return token;
    }

    private Task<int> ReplaceAsync(string userId, string hash, DateTime now, CancellationToken ct) =>
        db.Set<PrivateFeedToken>().Where(t => t.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.TokenHash, hash).SetProperty(t => t.CreatedAt, now), ct);

    /// <summary>Deletes the user's token; false when there was none.</summary>
    public async Task<bool> RevokeAsync(string userId, CancellationToken ct) =>
        await db.Set<PrivateFeedToken>().Where(t => t.UserId == userId).ExecuteDeleteAsync(ct) > 0;

    /// <summary>When the user's current token was made; null when they have none.</summary>
    public async Task<DateTime?> IssuedAtAsync(string userId, CancellationToken ct) =>
        await db.Set<PrivateFeedToken>().AsNoTracking().Where(t => t.UserId == userId)
            .Select(t => (DateTime?)t.CreatedAt).SingleOrDefaultAsync(ct);

    /// <summary>The user a token belongs to; null for a malformed, rotated, revoked or unknown token.</summary>
    public async Task<string?> OwnerAsync(string? token, CancellationToken ct)
    {
        if (token is not { Length: TokenLength }) return null;
        var hash = MagicLinks.Hash(token);
        return await db.Set<PrivateFeedToken>().AsNoTracking().Where(t => t.TokenHash == hash)
            .Select(t => t.UserId).SingleOrDefaultAsync(ct);
    }

    /// <summary>What the token's owner may read now, as the paywall decides for them when they sign in; null when
    /// the token opens nothing.</summary>
    public async Task<ReaderTier?> OwnerTierAsync(string? token, CancellationToken ct)
    {
        if (await OwnerAsync(token, ct) is not { } userId || await users.FindByIdAsync(userId) is not { } owner) return null;
        return await entitlements.TierAsync(await principals.CreateAsync(owner), ct);
    }

    /// <summary>Who may have a private feed made: PRO members (trialing, active or in dunning) and staff.</summary>
    public static bool MayCreate(ReaderTier tier) => tier is ReaderTier.Pro or ReaderTier.Staff;
}
