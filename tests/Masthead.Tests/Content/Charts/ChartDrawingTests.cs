using System.Buffers.Binary;
using System.Xml.Linq;
using Masthead.Content.Charts;
using Masthead.Site.Charts;

namespace Masthead.Tests.Content.Charts;

public sealed class ChartDrawingTests
{
    private static ChartData Sample(decimal lastValue = 452.25m, ChartType type = ChartType.Line) => new(7, 1, "gulf-teu", "Container throughput",
        "Monthly throughput at Jebel Ali and Khalifa, January to February 2026.", type, 0,
    [
        new SeriesData("Jebel Ali", "k TEU", "Port authority", "https://example.test/ports", [new(new(2026, 1, 1), 1234.5m), new(new(2026, 2, 1), 1180m)]),
        new SeriesData("Khalifa", "k TEU", "AD Ports", null, [new(new(2026, 1, 1), 410m), new(new(2026, 2, 1), lastValue)]),
    ]);

    [Theory]
    [InlineData(ChartType.Line)]
    [InlineData(ChartType.Bar)]
    [InlineData(ChartType.StackedBar)]
    public void SvgIsAnImageWithTitleAndDescriptionAndATableOfEveryValue(ChartType type)
    {
        var html = ChartHtml.Figure(Sample(type: type));
        var figure = XElement.Parse(html);
        var svg = figure.Descendants("svg").Single(e => (string?)e.Attribute("class") == "chart-svg");
        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("Container throughput", svg.Element("title")!.Value);
        Assert.Equal("Monthly throughput at Jebel Ali and Khalifa, January to February 2026.", svg.Element("desc")!.Value);
        Assert.Equal($"{svg.Element("title")!.Attribute("id")!.Value} {svg.Element("desc")!.Attribute("id")!.Value}", (string?)svg.Attribute("aria-labelledby"));
        Assert.StartsWith("0 0 ", (string?)svg.Attribute("viewBox"));
        Assert.DoesNotContain("style=", html);

        var table = figure.Descendants("table").Single();
        Assert.Equal("Monthly throughput at Jebel Ali and Khalifa, January to February 2026.", table.Element("caption")!.Value);
        Assert.Equal(["Date", "Jebel Ali (k TEU)", "Khalifa (k TEU)"], table.Descendants("th").Take(3).Select(t => t.Value));
        var rows = table.Element("tbody")!.Elements("tr").Select(r => r.Elements().Select(c => c.Value).ToArray()).ToList();
        Assert.Equal([["Jan 2026", "1,234.5", "410"], ["Feb 2026", "1,180", "452.25"]], rows);
        Assert.Contains("<a href=\"https://example.test/ports\"", html);
        // Every series drawn, in its own palette class.
        var marks = svg.Elements().Where(e => e.Name.LocalName is "path" or "rect").Select(e => (string?)e.Attribute("class") ?? "").ToList();
        Assert.Contains(marks, c => c.Contains("chart-c0", StringComparison.Ordinal));
        Assert.Contains(marks, c => c.Contains("chart-c1", StringComparison.Ordinal));
    }

    [Fact]
    public void FingerprintChangesWithTheDataAndOnlyThen()
    {
        var a = Sample();
        Assert.Equal(a.Fingerprint, Sample().Fingerprint);
        Assert.NotEqual(a.Fingerprint, Sample(lastValue: 452.26m).Fingerprint);
        Assert.NotEqual(a.Fingerprint, (a with { Title = "Other" }).Fingerprint);
        Assert.NotEqual(a.Fingerprint, Sample(type: ChartType.Bar).Fingerprint);
        Assert.Matches("^/charts/7-[0-9a-f]{12}\\.png$", a.PngPath);
    }

    [Fact]
    public void PngIsAValidPngOfTheExpectedSize()
    {
        var chart = Sample();
        var png = ChartHtml.Png(chart);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        var (width, height) = PngPlot.Size(PlotFrame.Article, chart.Series.Count);
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.Equal(PlotFrame.Article.Width * PngPlot.Scale, width);
        // Decodes, and is not blank: the series colours are drawn.
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        Assert.Equal(width, bitmap.Width);
        var blue = SkiaSharp.SKColor.Parse(PlotPalette.Colour(0));
        Assert.Contains(Enumerable.Range(0, bitmap.Height).SelectMany(y => Enumerable.Range(0, bitmap.Width).Select(x => (x, y))),
            p => bitmap.GetPixel(p.x, p.y) == blue);
    }
}
