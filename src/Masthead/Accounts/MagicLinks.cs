using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Masthead.Data;
using Masthead.Delivery;
using Masthead.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Accounts;

public enum MagicLinkRequest { Sent, Limited }

/// <summary>What a consumed token grants: sign-in as <paramref name="Email"/>.</summary>
public sealed record MagicLinkGrant(string Email, string? ReturnUrl, DateTime CreatedAt);

/// <summary>Single-use sign-in links. The raw token exists only in the email; the database keeps
/// its SHA-256, so a database leak does not hand out sign-ins.</summary>
public sealed class MagicLinks(MastheadDb db, Mailer mailer, TimeProvider time,
    IOptions<AccountsOptions> options, IOptions<SiteOptions> site)
{
    public const string Path = "/account/magic";
    private const int MaxTokenLength = 100;

    /// <summary>Issues and mails a link unless the address has had too many recently. Never looks
    /// up the account: the response and the work done are the same whether it exists or not.</summary>
    public async Task<MagicLinkRequest> RequestAsync(string email, string? returnUrl, bool forSignUp, CancellationToken ct,
        DateTime? issuedAt = null)
    {
        var now = issuedAt ?? time.GetUtcNow().UtcDateTime;
        var since = now - options.Value.AddressWindow;
        var recent = await db.MagicLinkTokens.CountAsync(t => t.Email == email && t.CreatedAt > since, ct);
        if (recent >= options.Value.AddressPermitLimit) return MagicLinkRequest.Limited;
        var link = await IssueAsync(email, returnUrl, now, ct);
        await SendAsync(email, link, forSignUp, ct);
        return MagicLinkRequest.Sent;
    }

    /// <summary>Stores a new token and returns the absolute link. Links always start at the configured
    /// BaseUrl, never the request's Host header, which an attacker could set.</summary>
    public async Task<string> IssueAsync(string email, string? returnUrl, DateTime now, CancellationToken ct)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        db.MagicLinkTokens.Add(new MagicLinkToken
        {
            Email = email,
            TokenHash = Hash(token),
            ReturnUrl = returnUrl is { Length: <= 500 } ? returnUrl : null,
            CreatedAt = now,
            ExpiresAt = now + options.Value.MagicLinkLifetime,
        });
        await db.SaveChangesAsync(ct);
        return $"{site.Value.BaseUrl.TrimEnd('/')}{Path}?token={token}";
    }

    public Task SendAsync(string email, string link, bool forSignUp, CancellationToken ct) =>
        mailer.SendAsync(MagicLinkEmail.Build(email, link, site.Value, options.Value.MagicLinkLifetime, forSignUp), ct);

    /// <summary>The address a still-usable token signs in as, without using it up.</summary>
    public async Task<string?> PeekAsync(string? token, CancellationToken ct)
    {
        if (!IsWellFormed(token)) return null;
        var hash = Hash(token!);
        var now = time.GetUtcNow().UtcDateTime;
        return await db.MagicLinkTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.UsedAt == null && t.ExpiresAt > now)
            .Select(t => t.Email).SingleOrDefaultAsync(ct);
    }

    /// <summary>Uses a token up. One conditional update decides: of two concurrent uses exactly one
    /// gets a row, and an expired or used token gets none.</summary>
    public async Task<MagicLinkGrant?> ConsumeAsync(string? token, CancellationToken ct)
    {
        if (!IsWellFormed(token)) return null;
        var hash = Hash(token!);
        var now = time.GetUtcNow().UtcDateTime;
        var claimed = await db.MagicLinkTokens
            .Where(t => t.TokenHash == hash && t.UsedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, (DateTime?)now), ct);
        if (claimed == 0) return null;
        return await db.MagicLinkTokens.AsNoTracking().Where(t => t.TokenHash == hash)
            .Select(t => new MagicLinkGrant(t.Email, t.ReturnUrl, t.CreatedAt)).SingleAsync(ct);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static bool IsWellFormed(string? token) => token is { Length: > 0 and <= MaxTokenLength };
}
