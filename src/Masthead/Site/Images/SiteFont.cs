using SkiaSharp;

namespace Masthead.Site.Images;

/// <summary>The one typeface the site's generated images (social cards, logo, favicon) draw with: DejaVu Sans Bold,
/// embedded in the assembly (licence in DejaVuSans-Bold.LICENSE.txt beside it). A machine with no fonts at all, a
/// fresh CI box or a slim container, draws the same pixels, and Skia's native build needs no fontconfig. It covers
/// Latin, Greek, Cyrillic, Arabic, Persian and Hebrew, the scripts the newsroom writes in.</summary>
internal static class SiteFont
{
    private const string ResourceName = "Masthead.Site.Images.DejaVuSans-Bold.ttf";

    private static readonly Lazy<SKTypeface> Bold = new(() =>
    {
        using var stream = typeof(SiteFont).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded font {ResourceName} is missing from the build.");
        // Copied into Skia's own memory: Skia reads glyphs lazily, long after a managed stream would be gone.
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"{ResourceName} is not a font Skia can read.");
    });

    public static SKTypeface Typeface => Bold.Value;

    public static SKFont Font(float size) => new(Typeface, size) { Subpixel = true, Edging = SKFontEdging.Antialias };
}
