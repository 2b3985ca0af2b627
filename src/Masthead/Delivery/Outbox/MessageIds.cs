using System.Security.Cryptography;
using System.Text;

namespace Masthead.Delivery.Outbox;

/// <summary>Message-IDs derived from the outbox MessageKey: the same (edition, recipient) always gets the
/// same id, so a repeat after a crash is recognisable as the same message by the receiver.</summary>
public static class MessageIds
{
    public const string KeyHeader = "X-Masthead-Key";

    /// <summary>Without angle brackets, as MimeKit's MimeMessage.MessageId expects.</summary>
    public static string For(string messageKey, string host)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(messageKey));
        return $"{Convert.ToHexStringLower(hash)[..32]}@{host}";
    }

    public static string HostOf(string baseUrl) =>
        Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) ? uri.IdnHost : "localhost";
}
