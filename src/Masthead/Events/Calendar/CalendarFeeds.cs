using System.Buffers.Text;
using System.Security.Cryptography;
using Masthead.Accounts;
using Masthead.Data;
using Masthead.Membership;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Events;

/// <summary>A member's private calendar feed (<c>webcal:</c>) of the events they hold a place at. Only the SHA-256
/// of its token is stored, as with private content feeds: the raw token exists in the page that showed it and in
/// the member's calendar app. One per member; rotating replaces it, revoking deletes it, and either kills the old
/// address at once.</summary>
public sealed class CalendarFeeds(MastheadDb db, TimeProvider time, UserManager<User> users,
    IUserClaimsPrincipalFactory<User> principals, IEntitlements entitlements)
{
    public const string Route = "/calendar/{token}.ics";

    /// <summary>32 random bytes, Base64Url: 43 characters.</summary>
    private const int TokenLength = 43;

    public static string PathFor(string token) => Route.Replace("{token}", token, StringComparison.Ordinal);

    /// <summary>The https address as a <c>webcal:</c> one, which calendar apps open as a subscription.</summary>
    public static string Webcal(string absoluteUrl) =>
        Uri.TryCreate(absoluteUrl, UriKind.Absolute, out var uri) ? "webcal://" + uri.Authority + uri.PathAndQuery : absoluteUrl;

    public async Task<string> CreateOrRotateAsync(string userId, CancellationToken ct)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var hash = MagicLinks.Hash(token);
        var now = time.GetUtcNow().UtcDateTime;
        if (await ReplaceAsync(userId, hash, now, ct) > 0) return token;
        db.Set<CalendarFeedToken>().Add(new CalendarFeedToken { UserId = userId, TokenHash = hash, CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two first requests at once: the other inserted; replacing its hash makes this address the one that works.
            db.ChangeTracker.Clear();
            await ReplaceAsync(userId, hash, now, ct);
        }
        return token;
    }

    private Task<int> ReplaceAsync(string userId, string hash, DateTime now, CancellationToken ct) =>
        db.Set<CalendarFeedToken>().Where(t => t.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.TokenHash, hash).SetProperty(t => t.CreatedAt, now), ct);

    public async Task RevokeAsync(string userId, CancellationToken ct) =>
        await db.Set<CalendarFeedToken>().Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);

    public Task<bool> HasFeedAsync(string userId, CancellationToken ct) =>
        db.Set<CalendarFeedToken>().AnyAsync(t => t.UserId == userId, ct);

    public async Task<DateTime?> IssuedAtAsync(string userId, CancellationToken ct) =>
        await db.Set<CalendarFeedToken>().AsNoTracking().Where(t => t.UserId == userId)
            .Select(t => (DateTime?)t.CreatedAt).SingleOrDefaultAsync(ct);

    /// <summary>The member a token belongs to; null for a malformed, rotated, revoked or unknown one.</summary>
    public async Task<string?> OwnerAsync(string? token, CancellationToken ct)
    {
        if (token is not { Length: TokenLength }) return null;
        var hash = MagicLinks.Hash(token);
        return await db.Set<CalendarFeedToken>().AsNoTracking().Where(t => t.TokenHash == hash)
            .Select(t => t.UserId).SingleOrDefaultAsync(ct);
    }

    /// <summary>What the owner may see now (the join link depends on it), as if they had signed in.</summary>
    public async Task<ReaderTier> OwnerTierAsync(string userId, CancellationToken ct) =>
        await users.FindByIdAsync(userId) is { } owner ? await entitlements.TierAsync(await principals.CreateAsync(owner), ct) : ReaderTier.Anonymous;

    /// <summary>The owner's confirmed places at published events from <paramref name="since"/> on (upcoming and
    /// recent), canceled events among them, in start order.</summary>
    public async Task<List<(Event Event, EventRegistration Registration)>> EntriesAsync(string userId, DateTime since, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await (from r in db.Set<EventRegistration>().AsNoTracking()
                          join e in db.Set<Event>().AsNoTracking() on r.EventId equals e.Id
                          where r.UserId == userId && r.Status == RegistrationStatus.Confirmed
                              && e.PublishedAt != null && e.PublishedAt <= now && e.EndsAt >= since
                          orderby e.StartsAt
                          select new { Event = e, Registration = r }).Take(500).ToListAsync(ct);
        return rows.Select(x => (x.Event, x.Registration)).ToList();
    }
}
