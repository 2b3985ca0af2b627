using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Masthead.Site.Images;

/// <summary>The newsroom's logo (<c>/logo.png</c>, 512×512, named as the publisher's logo in every article's JSON-LD)
/// and favicon (<c>/favicon.ico</c>): the site name's initials in paper on the accent red, drawn from
/// <see cref="SiteOptions.Name"/> once per process and kept in memory, so renaming the site renames its mark.</summary>
internal sealed class BrandImages(IOptions<SiteOptions> site)
{
    public const int LogoSize = 512;
    public static readonly SKColor Accent = SKColor.Parse("#8f1d21");
    public static readonly SKColor Paper = SKColor.Parse("#fcfaf6");
    public static readonly SKColor Ink = SKColor.Parse("#1b1b1b");

    private static readonly HashSet<string> LeadingArticles = new(StringComparer.OrdinalIgnoreCase) { "the", "a", "an" };

    private readonly Lazy<Image> _logo = new(() => Png(Mark(site.Value.Name, LogoSize)));
    private readonly Lazy<Image> _favicon = new(() => Ico(site.Value.Name, 16, 32, 48));

    /// <summary>Bytes with the entity tag they are served under (a hash of the bytes).</summary>
    public sealed record Image(byte[] Bytes, string ETag);

    public Image Logo => _logo.Value;
    public Image Favicon => _favicon.Value;

    /// <summary>Up to two initials: the first letters of the name's first two words after a leading "The".</summary>
    public static string Initials(string name)
    {
        var words = name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 1 && LeadingArticles.Contains(words[0])) words.RemoveAt(0);
        var initials = words.Take(2).Select(w => StringInfo.GetNextTextElement(w)).Select(s => s.ToUpperInvariant());
        return string.Concat(initials);
    }

    private static SKBitmap Mark(string name, int size)
    {
        var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        using var fill = new SKPaint { Color = Accent, IsAntialias = true };
        canvas.Clear(SKColors.Transparent);
        canvas.DrawRoundRect(new SKRect(0, 0, size, size), size * 0.12f, size * 0.12f, fill);
        var initials = Initials(name);
        using var layout = new TextLayout(rightToLeft: false);
        using var font = SiteFont.Font(size * 0.5f);
        var width = layout.Width(initials, font);
        // Shrinks wide initials (two capital Ms, say) to keep a margin on both sides.
        if (width > size * 0.8f) font.Size *= size * 0.8f / width;
        width = layout.Width(initials, font);
        var metrics = font.Metrics;
        var baseline = (size - (metrics.Descent - metrics.Ascent)) / 2 - metrics.Ascent;
        using var text = new SKPaint { Color = Paper, IsAntialias = true };
        layout.Draw(canvas, initials, (size - width) / 2, baseline, font, text);
        return bitmap;
    }

    private static Image Png(SKBitmap bitmap)
    {
        using (bitmap)
        using (var data = bitmap.Encode(SKEncodedImageFormat.Png, 100))
        {
            return WithTag(data.ToArray());
        }
    }

    /// <summary>An ICO file holding PNG images, which every current browser reads.</summary>
    private static Image Ico(string name, params int[] sizes)
    {
        var pngs = sizes.Select(size => Png(Mark(name, size)).Bytes).ToList();
        using var ico = new MemoryStream();
        Span<byte> header = stackalloc byte[6];
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], 1); // type: icon
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], (ushort)pngs.Count);
        ico.Write(header);
        var offset = 6 + 16 * pngs.Count;
        Span<byte> entry = stackalloc byte[16];
        for (var i = 0; i < pngs.Count; i++)
        {
            entry[0] = (byte)sizes[i];
            entry[1] = (byte)sizes[i];
            BinaryPrimitives.WriteUInt16LittleEndian(entry[4..], 1); // colour planes
            BinaryPrimitives.WriteUInt16LittleEndian(entry[6..], 32); // bits per pixel
            BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], (uint)pngs[i].Length);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[12..], (uint)offset);
            ico.Write(entry);
            offset += pngs[i].Length;
        }
        foreach (var png in pngs) ico.Write(png);
        return WithTag(ico.ToArray());
    }

    private static Image WithTag(byte[] bytes) =>
        new(bytes, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..20] + "\"");
}

internal static class BrandImageEndpoints
{
    /// <summary>A day: the images change only when the site is renamed, and then by the next day.</summary>
    public const string CacheControl = "public, max-age=86400";

    public static IEndpointRouteBuilder MapBrandImages(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/logo.png", [HttpMethods.Get, HttpMethods.Head], (BrandImages images, HttpContext http) =>
            Serve(http, images.Logo, "image/png"));
        app.MapMethods("/favicon.ico", [HttpMethods.Get, HttpMethods.Head], (BrandImages images, HttpContext http) =>
            Serve(http, images.Favicon, "image/x-icon"));
        return app;
    }

    private static IResult Serve(HttpContext http, BrandImages.Image image, string contentType)
    {
        http.Response.Headers.CacheControl = CacheControl;
        return TypedResults.Bytes(image.Bytes, contentType,
            entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue(image.ETag));
    }
}
