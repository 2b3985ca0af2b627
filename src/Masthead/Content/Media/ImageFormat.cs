using System.Buffers.Binary;

namespace Masthead.Content.Media;

/// <summary>What an upload really is, decided from its first bytes. The file name and the declared
/// content type are the uploader's claims and are never trusted.</summary>
public sealed record ImageFormat(string ContentType, string Extension, int? Width, int? Height)
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>PNG, JPEG, GIF or WebP with their pixel size when the header gives it cheaply;
    /// null for anything else (SVG, HTML, text renamed to .png, truncated files).</summary>
    public static ImageFormat? Detect(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 24 && b[..8].SequenceEqual(PngSignature) && b.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return new("image/png", ".png", ReadInt(BinaryPrimitives.ReadInt32BigEndian(b[16..])), ReadInt(BinaryPrimitives.ReadInt32BigEndian(b[20..])));
        }
        if (b.Length >= 10 && (b[..6].SequenceEqual("GIF87a"u8) || b[..6].SequenceEqual("GIF89a"u8)))
        {
            return new("image/gif", ".gif", BinaryPrimitives.ReadUInt16LittleEndian(b[6..]), BinaryPrimitives.ReadUInt16LittleEndian(b[8..]));
        }
        if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
        {
            var (w, h) = JpegSize(b);
            return new("image/jpeg", ".jpg", w, h);
        }
        if (b.Length >= 16 && b[..4].SequenceEqual("RIFF"u8) && b.Slice(8, 4).SequenceEqual("WEBP"u8)
            && (b.Slice(12, 4).SequenceEqual("VP8 "u8) || b.Slice(12, 4).SequenceEqual("VP8L"u8) || b.Slice(12, 4).SequenceEqual("VP8X"u8)))
        {
            var (w, h) = WebPSize(b);
            return new("image/webp", ".webp", w, h);
        }
        return null;
    }

    private static int? ReadInt(int v) => v > 0 ? v : null;

    /// <summary>Walks the JPEG segments up to the first start-of-frame marker, which holds the size.</summary>
    private static (int?, int?) JpegSize(ReadOnlySpan<byte> b)
    {
        var pos = 2;
        // Bounded: each step advances by at least 2 bytes.
        while (pos + 9 < b.Length)
        {
            if (b[pos] != 0xFF) return (null, null);
            var marker = b[pos + 1];
            if (marker == 0xFF) { pos++; continue; }
            if (marker is 0x01 or >= 0xD0 and <= 0xD9) { pos += 2; continue; }
            var length = BinaryPrimitives.ReadUInt16BigEndian(b[(pos + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                var h = BinaryPrimitives.ReadUInt16BigEndian(b[(pos + 5)..]);
                var w = BinaryPrimitives.ReadUInt16BigEndian(b[(pos + 7)..]);
                return (w > 0 ? w : null, h > 0 ? h : null);
            }
            if (length < 2) return (null, null);
            pos += 2 + length;
        }
        return (null, null);
    }

    private static (int?, int?) WebPSize(ReadOnlySpan<byte> b)
    {
        var chunk = b.Slice(12, 4);
        if (chunk.SequenceEqual("VP8X"u8) && b.Length >= 30)
        {
            return (1 + (b[24] | b[25] << 8 | b[26] << 16), 1 + (b[27] | b[28] << 8 | b[29] << 16));
        }
        if (chunk.SequenceEqual("VP8L"u8) && b.Length >= 25 && b[20] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(b[21..]);
            return ((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }
        if (chunk.SequenceEqual("VP8 "u8) && b.Length >= 30 && b[23] == 0x9D && b[24] == 0x01 && b[25] == 0x2A)
        {
            return (BinaryPrimitives.ReadUInt16LittleEndian(b[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(b[28..]) & 0x3FFF);
        }
        return (null, null);
    }
}
