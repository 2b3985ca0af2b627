using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Masthead.Membership.Metering;

/// <summary>One counted read: which article (a 32-bit hash of its slug, not the slug, to keep the cookie
/// short) and on which day (days since 2000-01-01 UTC).</summary>
public readonly record struct MeterEntry(uint Article, int Day);

/// <summary>The meter cookie's wire format: <c>{day}-{hash hex}.{day}-{hash hex}…~{MAC}</c>, the MAC an
/// HMAC-SHA256 over the entries, cut to 128 bits, base64url. Nothing about the reader is in it, and nothing
/// about it is stored on the server. A cookie that does not verify reads as no cookie at all.</summary>
public static class MeterCookie
{
    public const string Name = "masthead_meter";
    private const int MacBytes = 16;
    private const int MaxLength = 4000;
    private static readonly DateTime Epoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static int DayOf(DateTime utc) => (int)(utc - Epoch).TotalDays;

    public static uint HashOf(string slug)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(slug), hash);
        return BitConverter.ToUInt32(hash);
    }

    public static string Write(IEnumerable<MeterEntry> entries, byte[] key)
    {
        var payload = string.Join('.', entries.Select(e => $"{e.Day.ToString(CultureInfo.InvariantCulture)}-{e.Article:x8}"));
        return payload + "~" + Mac(payload, key);
    }

    /// <summary>The entries of a cookie that verifies, or an empty list for a missing, malformed or tampered one.</summary>
    public static List<MeterEntry> Read(string? value, byte[] key)
    {
        var entries = new List<MeterEntry>();
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength) return entries;
        var cut = value.LastIndexOf('~');
        if (cut < 0) return entries;
        var payload = value[..cut];
        var expected = Encoding.ASCII.GetBytes(Mac(payload, key));
        var given = Encoding.ASCII.GetBytes(value[(cut + 1)..]);
        if (!CryptographicOperations.FixedTimeEquals(expected, given)) return entries;
        if (payload.Length == 0) return entries;
        foreach (var part in payload.Split('.'))
        {
            var dash = part.IndexOf('-');
            if (dash < 1
                || !int.TryParse(part.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var day)
                || !uint.TryParse(part.AsSpan(dash + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var article))
            {
                return [];
            }
            entries.Add(new MeterEntry(article, day));
        }
        return entries;
    }

    private static string Mac(string payload, byte[] key)
    {
        var mac = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(payload));
        return Base64Url.EncodeToString(mac.AsSpan(0, MacBytes));
    }
}
