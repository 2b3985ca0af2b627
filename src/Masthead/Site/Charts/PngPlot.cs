using Masthead.Site.Images;
using SkiaSharp;

namespace Masthead.Site.Charts;

/// <summary>A <see cref="Plot"/> as a PNG for email, where SVG does not show: the same <see cref="PlotLayout"/> as
/// the page's SVG, drawn with SkiaSharp (already used for the social cards) on white at twice the frame's size, so it
/// stays sharp on high-density screens. The legend is drawn above the plot; the figures go beside it as text.</summary>
public static class PngPlot
{
    public const int Scale = 2;
    private const int LegendRow = 22;

    /// <summary>The image's size in pixels for a plot of <paramref name="seriesCount"/> series.</summary>
    public static (int Width, int Height) Size(PlotFrame frame, int seriesCount) =>
        (frame.Width * Scale, (frame.Height + (seriesCount > 1 ? LegendRow * LegendRows(seriesCount) : 0)) * Scale);

    private static int LegendRows(int seriesCount) => (seriesCount + 1) / 2;

    public static byte[] Render(Plot plot, PlotFrame frame)
    {
        var (width, height) = Size(frame, plot.Series.Count);
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(Scale);
        using var text = new TextLayout(rightToLeft: false);
        using var font = SiteFont.Font(frame.FontSize * 0.85f);
        using var ink = new SKPaint { Color = SKColor.Parse("#1b1b1b"), IsAntialias = true };
        if (plot.Series.Count > 1)
        {
            for (var s = 0; s < plot.Series.Count; s++)
            {
                float x = frame.Left + (s % 2) * (frame.Width - frame.Left) / 2f, y = 6 + (s / 2) * LegendRow;
                using var key = new SKPaint { Color = SKColor.Parse(PlotPalette.Colour(s)), IsAntialias = true };
                canvas.DrawRect(x, y + 3, 12, 12, key);
                text.Draw(canvas, text.Ellipsise(plot.Series[s].Name, font, (frame.Width - frame.Left) / 2f - 24), x + 18, y + 14, font, ink);
            }
            canvas.Translate(0, LegendRow * LegendRows(plot.Series.Count));
        }
        var layout = new PlotLayout(plot, frame);
        using var grid = new SKPaint { Color = new SKColor(0x1b, 0x1b, 0x1b, 0x33), StrokeWidth = 1, IsAntialias = true };
        using var zero = new SKPaint { Color = new SKColor(0x1b, 0x1b, 0x1b, 0x99), StrokeWidth = 1, IsAntialias = true };
        foreach (var t in layout.Ticks)
        {
            var y = (float)layout.Y(t);
            canvas.DrawLine(frame.Left, y, frame.Width - frame.Right, y, t == 0 ? zero : grid);
            var label = plot.AxisText(t);
            text.Draw(canvas, label, frame.Left - 6 - text.Width(label, font), y + frame.FontSize / 3f, font, ink);
        }
        foreach (var i in layout.LabelledCategories)
        {
            var label = plot.Categories[i];
            text.Draw(canvas, label, (float)layout.X(i) - text.Width(label, font) / 2, (float)(layout.Bottom + frame.FontSize * 1.5), font, ink);
        }
        if (plot.Kind == PlotKind.Line) Lines(canvas, layout);
        else Bars(canvas, layout);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static void Lines(SKCanvas canvas, PlotLayout layout)
    {
        for (var s = 0; s < layout.Plot.Series.Count; s++)
        {
            var values = layout.Plot.Series[s].Values;
            using var pen = new SKPaint
            {
                Color = SKColor.Parse(PlotPalette.Colour(s)), StrokeWidth = 2.5f, IsAntialias = true,
                Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round,
            };
            // Each unbroken run of values is one polyline; the line breaks where a value is missing.
            var run = new List<SKPoint>();
            for (var i = 0; i <= values.Count; i++)
            {
                if (i < values.Count && values[i] is { } v)
                {
                    run.Add(new SKPoint((float)layout.X(i), (float)layout.Y(v)));
                    continue;
                }
                if (run.Count > 1) canvas.DrawPoints(SKPointMode.Polygon, [.. run], pen);
                run.Clear();
            }
        }
    }

    private static void Bars(SKCanvas canvas, PlotLayout layout)
    {
        for (var i = 0; i < layout.Plot.Categories.Count; i++)
        {
            foreach (var bar in layout.Bars(i))
            {
                using var fill = new SKPaint { Color = SKColor.Parse(PlotPalette.Colour(bar.Series)), IsAntialias = true };
                canvas.DrawRect((float)bar.X, (float)bar.Top, (float)bar.Width, (float)bar.Height, fill);
            }
        }
    }
}
