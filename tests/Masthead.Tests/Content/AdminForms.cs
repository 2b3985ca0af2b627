using System.Buffers.Binary;
using System.IO.Compression;
using System.Net.Http.Headers;
using Masthead.Tests.Support;

namespace Masthead.Tests.Content;

/// <summary>Form posts for the admin tests: repeated fields (byline slots, tag checkboxes) and
/// multipart uploads, each with the antiforgery token read from the page, as a browser sends them.</summary>
internal static class AdminForms
{
    public static async Task<HttpResponseMessage> PostPairsAsync(this HttpClient client, string url,
        IEnumerable<KeyValuePair<string, string>> fields, string? formPage = null)
    {
        var token = await client.AntiforgeryTokenAsync(formPage ?? url.Split('?')[0]);
        var all = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", token) };
        return await client.PostAsync(url, new FormUrlEncodedContent(all));
    }

    public static async Task<HttpResponseMessage> PostMultipartAsync(this HttpClient client, string url,
        Dictionary<string, string> fields, (string Field, string FileName, string ContentType, byte[] Bytes)? file,
        bool withToken = true, string? formPage = null)
    {
        using var content = new MultipartFormDataContent();
        foreach (var (key, value) in fields) content.Add(new StringContent(value), key);
        if (withToken) content.Add(new StringContent(await client.AntiforgeryTokenAsync(formPage ?? url.Split('?')[0])), "__RequestVerificationToken");
        if (file is { } f)
        {
            var part = new ByteArrayContent(f.Bytes);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(f.ContentType);
            content.Add(part, f.Field, f.FileName);
        }
        return await client.PostAsync(url, content);
    }

    /// <summary>The fields of a complete, valid article form.</summary>
    public static Dictionary<string, string> Article(string title, string command = "save", int version = 0, string slug = "",
        string body = "Reporting from the Gulf.", string? scheduleAt = null) => new()
    {
        ["Input.Title"] = title,
        ["Input.Slug"] = slug,
        ["Input.Dek"] = "A short summary.",
        ["Input.Body"] = body,
        ["Input.Language"] = "en",
        ["Input.Access"] = "Public",
        ["Input.Version"] = version.ToString(),
        ["Input.ScheduleAt"] = scheduleAt ?? "",
        ["Command"] = command,
    };

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

    /// <summary>The editor's preview document: the frame's srcdoc attribute, decoded as the browser decodes it.</summary>
    public static string? PreviewDocument(string editorHtml) =>
        System.Text.RegularExpressions.Regex.Match(editorHtml, "srcdoc=\"([^\"]*)\"") is { Success: true } m
            ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)
            : null;

    public static string[] MediaFiles(this TestApp app)
    {
        var dir = Path.Combine(app.DataDirectory, "media");
        return Directory.Exists(dir) ? Directory.GetFiles(dir) : [];
    }
}
