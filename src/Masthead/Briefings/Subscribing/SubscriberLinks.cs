using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Masthead.Data;
using Masthead.Site;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Masthead.Briefings.Subscribing;

/// <summary>Signed, password-free links put in every briefing email.
/// A token is <c>{subscriber id}-{list id or 0}-{MAC}</c> in lower-case hex, the MAC an HMAC-SHA256 (80 bits
/// kept) over the link kind and both ids. So a token cannot be forged, a preferences token is not an
/// unsubscribe token, and a token names exactly one subscriber: it cannot act on another address. Ids are
/// never reused (autoincrement / identity columns), so an old link cannot land on a later subscriber.
/// Tokens are short and case-insensitive because the same token goes into a mailto: local part, which
/// is limited to 64 characters and may be case-folded by mail servers. Links do not expire: the
/// unsubscribe link in a year-old email must still work.
/// The HMAC key is 32 random bytes kept in {DataDirectory}/keys, encrypted with data protection.</summary>
public sealed class SubscriberLinks(IDataProtectionProvider protection, IOptions<SiteOptions> site, IOptions<StorageOptions> storage) : Editions.ISubscriberLinks
{
    public const string Preferences = "preferences";
    public const string Unsubscribe = "unsubscribe";
    public const string UnsubscribeAll = "unsubscribe-all";
    public const string Confirm = "confirm";

    public const string PreferencesPath = "/briefings/preferences";
    public const string UnsubscribePath = "/briefings/unsubscribe";
    public const string ConfirmPath = "/briefings/confirm";

    private const int MacBytes = 10;
    private const int MaxTokenLength = 64;

    private readonly Lazy<byte[]> _key = new(() => SecretKeyFile.LoadOrCreate(protection, storage.Value.DataDirectory, "subscriber-links.key", "Masthead.Briefings.SubscriberLinks.Key.v1"));

    public string PreferencesUrl(long subscriberId) => Url(PreferencesPath, Token(Preferences, subscriberId, null));

    /// <summary>The https one-click target (RFC 8058): used in List-Unsubscribe and as the visible link.</summary>
    public string UnsubscribeUrl(long subscriberId, int listId) => Url(UnsubscribePath, Token(Unsubscribe, subscriberId, listId));

    public string UnsubscribeAllUrl(long subscriberId) => Url(UnsubscribePath, Token(UnsubscribeAll, subscriberId, null));

    public string ConfirmUrl(long subscriberId) => Url(ConfirmPath, Token(Confirm, subscriberId, null));

    /// <summary>The mailto: form of List-Unsubscribe, <c>mailto:unsubscribe+{token}@{site host}</c>, carrying
    /// the per-list unsubscribe token. Inbound mail to it is acted on by Delivery/Inbound/MailtoUnsubscribes.</summary>
    public string MailtoUnsubscribe(long subscriberId, int listId) => Mailto(Token(Unsubscribe, subscriberId, listId));

    /// <summary>The same for every list (the unsubscribe-all token).</summary>
    public string MailtoUnsubscribeAll(long subscriberId) => Mailto(Token(UnsubscribeAll, subscriberId, null));

    private string Mailto(string token)
    {
        var domain = Uri.TryCreate(site.Value.BaseUrl, UriKind.Absolute, out var uri) ? uri.IdnHost : "localhost";
        return $"mailto:unsubscribe+{token}@{domain}";
    }

    /// <summary>Reads a token made for <paramref name="purpose"/>. False for anything tampered with, made for
    /// another purpose or another subscriber, truncated or oversized.</summary>
    public bool TryRead(string token, string purpose, out long subscriberId, out int? listId)
    {
        subscriberId = 0;
        listId = null;
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength || string.IsNullOrEmpty(purpose)) return false;
        var parts = token.ToLowerInvariant().Split('-');
        if (parts.Length != 3 || parts[2].Length != MacBytes * 2) return false;
        if (!long.TryParse(parts[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id) || id <= 0) return false;
        if (!int.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var list) || list < 0) return false;
        byte[] given;
        try { given = Convert.FromHexString(parts[2]); }
        catch (FormatException) { return false; }
        // Canonical form only: "0001" and "1" would otherwise be two spellings of one token.
        if (parts[0] != id.ToString("x", CultureInfo.InvariantCulture) || parts[1] != list.ToString("x", CultureInfo.InvariantCulture)) return false;
        int? listValue = list == 0 ? null : list;
        if (!CryptographicOperations.FixedTimeEquals(given, Mac(purpose, id, listValue))) return false;
        subscriberId = id;
        listId = listValue;
        return true;
    }

    private string Token(string purpose, long subscriberId, int? listId) =>
        string.Create(CultureInfo.InvariantCulture, $"{subscriberId:x}-{listId ?? 0:x}-{Convert.ToHexStringLower(Mac(purpose, subscriberId, listId))}");

    private byte[] Mac(string purpose, long subscriberId, int? listId)
    {
        var message = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{purpose}\n{subscriberId}\n{listId ?? 0}"));
        return HMACSHA256.HashData(_key.Value, message).AsSpan(0, MacBytes).ToArray();
    }

    private string Url(string path, string token) => site.Value.Absolute($"{path}?token={token}");
}
