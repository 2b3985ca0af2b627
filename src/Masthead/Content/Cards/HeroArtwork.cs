using System.Text.RegularExpressions;
using System.Xml;
using Masthead.Content.Media;
using SkiaSharp;
using Svg.Skia;

namespace Masthead.Content.Cards;

/// <summary>An article's hero as a social card can draw it: a raster image (PNG, JPEG, GIF, WebP) decoded at about
/// the card's size, or an SVG drawing recorded as a picture. Loading is bounded: only files in the media folder, no
/// larger than <see cref="MaxBytes"/>, rasters of at most <see cref="MaxPixels"/> pixels, SVG without external
/// references. Anything else is no hero, and the card is drawn on the plain background instead.</summary>
internal abstract partial class HeroArtwork : IDisposable
{
    public const long MaxBytes = 20 * 1024 * 1024;
    public const long MaxPixels = 40_000_000;
    public const long MaxSvgBytes = 2 * 1024 * 1024;

    /// <summary>Draws the artwork over all of <paramref name="target"/>, scaled to cover it and centred, cropping the
    /// overflow (a 16:9 hero loses a sliver top and bottom on a 1.91:1 card).</summary>
    public abstract void DrawCover(SKCanvas canvas, SKRect target);

    public abstract void Dispose();

    /// <summary>The hero at <paramref name="heroUrl"/> (a /media/ path), or null when there is none this can draw.</summary>
    public static HeroArtwork? Load(string? heroUrl, string mediaDirectory, SKSizeI target)
    {
        if (ResolveMediaFile(heroUrl, mediaDirectory) is not { } path) return null;
        var file = new FileInfo(path);
        if (!file.Exists || file.Length == 0 || file.Length > MaxBytes) return null;
        var bytes = File.ReadAllBytes(path);
        if (ImageFormat.Detect(bytes) is not null) return Raster.Decode(bytes, target);
        return path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) && bytes.Length <= MaxSvgBytes ? Vector.Parse(bytes) : null;
    }

    /// <summary>The file behind a /media/ URL, only if it really lies inside the media folder.</summary>
    internal static string? ResolveMediaFile(string? heroUrl, string mediaDirectory)
    {
        const string prefix = "/media/";
        if (heroUrl is null || !heroUrl.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var relative = Uri.UnescapeDataString(heroUrl[prefix.Length..].Split('?', '#')[0]);
        var root = Path.GetFullPath(mediaDirectory) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, relative));
        return full.StartsWith(root, StringComparison.Ordinal) ? full : null;
    }

    private static SKRect Cover(float width, float height, SKRect target)
    {
        var scale = Math.Max(target.Width / width, target.Height / height);
        var w = width * scale;
        var h = height * scale;
        return SKRect.Create(target.MidX - w / 2, target.MidY - h / 2, w, h);
    }

    private sealed class Raster(SKImage image) : HeroArtwork
    {
        public static Raster? Decode(byte[] bytes, SKSizeI target)
        {
            using var data = SKData.CreateCopy(bytes);
            using var codec = SKCodec.Create(data);
            if (codec is null) return null;
            var size = codec.Info.Size;
            if (size.Width <= 0 || size.Height <= 0 || (long)size.Width * size.Height > MaxPixels) return null;
            // JPEG and WebP decode straight to a fraction of their size: no need to hold every pixel of a large photo.
            var scale = Math.Min(1f, Math.Max((float)target.Width / size.Width, (float)target.Height / size.Height));
            var scaled = codec.GetScaledDimensions(scale);
            var info = new SKImageInfo(scaled.Width, scaled.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
            using var bitmap = new SKBitmap(info);
            var result = codec.GetPixels(info, bitmap.GetPixels());
            if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput)) return null;
            return new Raster(SKImage.FromBitmap(bitmap));
        }

        public override void DrawCover(SKCanvas canvas, SKRect target)
        {
            using var paint = new SKPaint { IsAntialias = true };
            canvas.Save();
            canvas.ClipRect(target);
            canvas.DrawImage(image, Cover(image.Width, image.Height, target), new SKSamplingOptions(SKCubicResampler.Mitchell), paint);
            canvas.Restore();
        }

        public override void Dispose() => image.Dispose();
    }

    private sealed partial class Vector(SKSvg svg, SKPicture picture) : HeroArtwork
    {
        public static Vector? Parse(byte[] bytes)
        {
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            // A card is drawn from the file alone: nothing fetched from elsewhere, no entities, no scripts followed.
            if (ExternalReference().IsMatch(text)) return null;
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            var svg = new SKSvg();
            try
            {
                using var reader = XmlReader.Create(new StringReader(text), settings);
                if (svg.Load(reader) is { } loaded && loaded.CullRect is { Width: > 0, Height: > 0 }) return new Vector(svg, loaded);
            }
            catch (Exception e) when (e is XmlException or InvalidOperationException or ArgumentException or FormatException)
            {
            }
            svg.Dispose();
            return null;
        }

        public override void DrawCover(SKCanvas canvas, SKRect target)
        {
            var bounds = picture.CullRect;
            var cover = Cover(bounds.Width, bounds.Height, target);
            canvas.Save();
            canvas.ClipRect(target);
            var matrix = SKMatrix.CreateTranslation(-bounds.Left, -bounds.Top)
                .PostConcat(SKMatrix.CreateScale(cover.Width / bounds.Width, cover.Height / bounds.Height))
                .PostConcat(SKMatrix.CreateTranslation(cover.Left, cover.Top));
            canvas.DrawPicture(picture, in matrix);
            canvas.Restore();
        }

        public override void Dispose() => svg.Dispose();

        /// <summary>An href or url() that points outside the document (anything but "#id"), or a CSS import.</summary>
        [GeneratedRegex("""href\s*=\s*["'](?!#)|url\(\s*["']?(?!#)|@import|<!ENTITY|<foreignObject""", RegexOptions.IgnoreCase)]
        private static partial Regex ExternalReference();
    }
}
