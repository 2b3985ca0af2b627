using System.Text;
using Masthead.Accounts;
using MimeKit;

namespace Masthead.Delivery;

/// <summary>Writes "display name &lt;address&gt;" into From, To or Reply-To so that every mail client shows the
/// name exactly as it was typed. Every message we build sets its sender and recipient through here.
/// MimeKit's MailboxAddress quotes specials and encodes non-ASCII, but it writes a name that is itself an
/// RFC 2047 encoded-word (<c>=?utf-8?b?PHNjcmlwdD4=?=</c>) as a bare atom, which clients then decode into
/// whatever the sender chose ("&lt;script&gt;"); quoting does not help either, as lenient parsers (MimeKit's
/// among them) decode encoded-words inside quotes. Such a name is therefore written as encoded-words of
/// its own, which decode back to the literal text.</summary>
public static class MailboxHeaders
{
    /// <summary>UTF-8 bytes per encoded-word: 45 bytes are 60 base64 characters, 72 with the "=?utf-8?b?…?="
    /// frame, so each word fits in a header line (RFC 2047 allows 75).</summary>
    private const int BytesPerWord = 45;

    /// <summary>Makes <paramref name="field"/> (From, To or Reply-To) hold exactly this one mailbox. The name is
    /// cleaned like every stored name (<see cref="PersonNames.Clean"/>); callers refuse line breaks first.</summary>
    public static void Set(MimeMessage message, HeaderId field, string? name, string address)
    {
        var list = field switch
        {
            HeaderId.From => message.From,
            HeaderId.To => message.To,
            HeaderId.ReplyTo => message.ReplyTo,
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Only From, To and Reply-To hold one mailbox here."),
        };
        var shown = PersonNames.Clean(name) ?? "";
        var mailbox = new MailboxAddress(shown, address);
        list.Clear();
        list.Add(mailbox);
        if (!shown.Contains("=?", StringComparison.Ordinal)) return;

        // The message keeps the parsed list in step with the header: setting the raw value re-reads it.
        var header = message.Headers.First(h => h.Id == field);
        header.SetRawValue(Encoding.ASCII.GetBytes(EncodedWords(shown, new MailboxAddress("", address).ToString(encode: true), header.Field.Length)));
    }

    /// <summary>" =?utf-8?b?…?=\r\n =?utf-8?b?…?= &lt;address&gt;\r\n": the whole name in base64 encoded-words, split on
    /// character boundaries, one word per folded line. Adjacent encoded-words decode as one run of text.</summary>
    private static string EncodedWords(string name, string address, int fieldLength)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        var sb = new StringBuilder(bytes.Length * 2 + address.Length + 16);
        var lineLength = fieldLength + 1;
        for (var start = 0; start < bytes.Length;)
        {
            var count = Math.Min(BytesPerWord, bytes.Length - start);
            while (start + count < bytes.Length && (bytes[start + count] & 0xC0) == 0x80) count--; // not inside a character
            var word = $"=?utf-8?b?{Convert.ToBase64String(bytes, start, count)}?=";
            if (start > 0)
            {
                sb.Append("\r\n");
                lineLength = 0;
            }
            sb.Append(' ').Append(word);
            lineLength += 1 + word.Length;
            start += count;
        }
        sb.Append(lineLength + address.Length + 3 > 78 ? "\r\n " : " ").Append('<').Append(address).Append(">\r\n");
        return sb.ToString();
    }
}
