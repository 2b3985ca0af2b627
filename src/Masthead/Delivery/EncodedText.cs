using System.Buffers;
using System.Text;
using MimeKit;
using MimeKit.Encodings;

namespace Masthead.Delivery;

/// <summary>Text parts whose content is quoted-printable encoded once, when the message is built. A part that
/// holds decoded text is encoded again every time it is written: once to compute the DKIM body hash and once
/// more on the wire. Encoded content is copied instead.</summary>
public static class EncodedText
{
    /// <summary>A soft line break: lets independently encoded pieces be joined, each starting a fresh line
    /// (so no line grows past the limit), without changing the decoded text.</summary>
    public static ReadOnlySpan<byte> SoftBreak => "=\r\n"u8;

    public static TextPart Part(string subtype, string text) => Part(subtype, QuotedPrintable(text));

    /// <summary>A text part (UTF-8) over content that is already quoted-printable.</summary>
    public static TextPart Part(string subtype, byte[] quotedPrintable)
    {
        var part = new TextPart(subtype) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.ContentType.Charset = "utf-8";
        part.Content = new MimeContent(new MemoryStream(quotedPrintable, writable: false), ContentEncoding.QuotedPrintable);
        return part;
    }

    public static byte[] QuotedPrintable(string text)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, bytes);
            var encoder = new QuotedPrintableEncoder();
            var output = new byte[encoder.EstimateOutputLength(length)];
            var written = encoder.Flush(bytes, 0, length, output);
            return written == output.Length ? output : output[..written];
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
