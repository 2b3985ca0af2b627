using System.Buffers.Binary;
using System.IO.Compression;

namespace Masthead.Tests.Support;

/// <summary>Image files made in the test, byte for byte valid, so the upload and import checks see real images.</summary>
public static class TestImages
{
    /// <summary>A real PNG of the given size: signature, IHDR, one zlib-compressed IDAT, IEND, with CRCs.</summary>
    public static byte[] Png(int width = 2, int height = 3, int padding = 0)
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // truecolour
        WriteChunk(output, "IHDR", ihdr);
        var raw = new byte[height * (1 + width * 3)];
        for (var i = 0; i < raw.Length; i++) raw[i] = (byte)(i % (1 + width * 3) == 0 ? 0 : 40 + i % 200);
        using (var compressed = new MemoryStream())
        {
            using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(raw);
            WriteChunk(output, "IDAT", compressed.ToArray());
        }
        if (padding > 0) WriteChunk(output, "tEXt", new byte[padding]);
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void WriteChunk(Stream s, string type, byte[] data)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(four, data.Length);
        s.Write(four);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(typed, 0);
        data.CopyTo(typed, 4);
        s.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(four, Crc32(typed));
        s.Write(four);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
