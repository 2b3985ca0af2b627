using Masthead.Site.Images;
using SkiaSharp;

namespace Masthead.Content.Cards;

/// <summary>What a social card shows. Only what is public about a piece: its headline, section and access label,
/// never its dek or body, so a PRO piece's card says no more than its teaser page.</summary>
/// <param name="Kicker">Over the headline, e.g. "ENERGY · PRO"; null for none.</param>
/// <param name="Footer">Under the headline: the site's name on an article's card, the tagline on the home card.</param>
/// <param name="HeroUrl">The article's hero (a /media/ path), drawn under the band when it can be.</param>
internal sealed record SocialCard(string Headline, string? Kicker, string Footer, string? HeroUrl, bool RightToLeft);

/// <summary>Draws a <see cref="SocialCard"/> as a 1200×630 PNG (the size Facebook, LinkedIn and X show large): the
/// hero covering the card, or the site's dark background when there is none, and at the bottom a dark band with the
/// kicker, the headline wrapped in up to four lines, and the footer.</summary>
internal static class SocialCardRenderer
{
    public const int Width = 1200, Height = 630;
    public const int MaxHeadlineLines = 4;
    private const float Margin = 56, BandPadding = 34, AccentRule = 8;
    private static readonly float[] HeadlineSizes = [64, 58, 52, 46, 40];

    private static readonly SKColor BandColor = new(12, 12, 12, 214);
    private static readonly SKColor KickerColor = SKColor.Parse("#f4c7bf");
    private static readonly SKColor FooterColor = SKColor.Parse("#ddd6ca");

    public static byte[] Render(SocialCard card, string mediaDirectory)
    {
        var info = new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        var full = SKRect.Create(Width, Height);
        using (var hero = HeroArtwork.Load(card.HeroUrl, mediaDirectory, new SKSizeI(Width, Height)))
        {
            if (hero is null) PlainBackground(canvas, full);
            else hero.DrawCover(canvas, full);
        }
        DrawBand(canvas, card);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static void PlainBackground(SKCanvas canvas, SKRect full)
    {
        using var paint = new SKPaint
        {
            Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(Width, Height),
                [BrandImages.Ink, SKColor.Parse("#3b2623")], SKShaderTileMode.Clamp),
        };
        canvas.DrawRect(full, paint);
        // Wide faint rings off the top corner: a texture, so an article without a picture is not a flat slab.
        using var ring = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2, Color = BrandImages.Paper.WithAlpha(18) };
        for (var r = 120; r < 1400; r += 90) canvas.DrawCircle(Width - 140, 60, r, ring);
    }

    private static void DrawBand(SKCanvas canvas, SocialCard card)
    {
        using var layout = new TextLayout(card.RightToLeft);
        var textWidth = Width - 2 * Margin;
        var (headlineFont, lines) = FitHeadline(layout, card.Headline, textWidth);
        using var kickerFont = SiteFont.Font(26);
        using var footerFont = SiteFont.Font(26);
        var lineHeight = headlineFont.Size * 1.18f;
        var kickerHeight = card.Kicker is null ? 0 : 26 * 1.6f;
        var footerHeight = 26 * 1.9f;
        var bandHeight = BandPadding + kickerHeight + lines.Count * lineHeight + footerHeight + BandPadding * 0.6f;
        var top = Height - bandHeight;

        using (var band = new SKPaint { Color = BandColor })
        {
            canvas.DrawRect(SKRect.Create(0, top, Width, bandHeight), band);
        }
        using (var accent = new SKPaint { Color = BrandImages.Accent })
        {
            canvas.DrawRect(SKRect.Create(0, top - AccentRule, Width, AccentRule), accent);
        }

        var x = card.RightToLeft ? Width - Margin : Margin;
        var y = top + BandPadding;
        if (card.Kicker is { } kicker)
        {
            using var paint = new SKPaint { Color = KickerColor, IsAntialias = true };
            layout.Draw(canvas, layout.Ellipsise(kicker, kickerFont, textWidth), x, y - kickerFont.Metrics.Ascent, kickerFont, paint);
            y += kickerHeight;
        }
        using (var paint = new SKPaint { Color = SKColors.White, IsAntialias = true })
        {
            foreach (var line in lines)
            {
                layout.Draw(canvas, line, x, y - headlineFont.Metrics.Ascent, headlineFont, paint);
                y += lineHeight;
            }
        }
        using (var paint = new SKPaint { Color = FooterColor, IsAntialias = true })
        {
            y += footerHeight - 26 * 1.3f;
            layout.Draw(canvas, layout.Ellipsise(card.Footer, footerFont, textWidth), x, y - footerFont.Metrics.Ascent, footerFont, paint);
        }
        headlineFont.Dispose();
    }

    /// <summary>The largest size at which the headline fits in <see cref="MaxHeadlineLines"/> lines; at the smallest,
    /// what does not fit ends in an ellipsis.</summary>
    private static (SKFont Font, IReadOnlyList<string> Lines) FitHeadline(TextLayout layout, string headline, float width)
    {
        foreach (var size in HeadlineSizes)
        {
            var font = SiteFont.Font(size);
            var lines = layout.Wrap(headline, font, width, MaxHeadlineLines, out var truncated);
            if (!truncated || size == HeadlineSizes[^1]) return (font, lines);
            font.Dispose();
        }
        throw new InvalidOperationException("unreachable: the smallest size always returns");
    }
}
