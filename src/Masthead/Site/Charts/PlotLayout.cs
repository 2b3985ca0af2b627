namespace Masthead.Site.Charts;

/// <summary>Where everything of a <see cref="Plot"/> goes inside a <see cref="PlotFrame"/>: the value scale with round
/// ticks, each category's x, the bars' width, which category labels fit. The SVG and the PNG both draw from it, so
/// the page and the email show the same chart.</summary>
public sealed class PlotLayout
{
    public Plot Plot { get; }
    public PlotFrame Frame { get; }
    public double Min { get; }
    public double Max { get; }
    public IReadOnlyList<double> Ticks { get; }
    /// <summary>Indexes of the categories whose labels are drawn: as many as fit, always the last.</summary>
    public IReadOnlyList<int> LabelledCategories { get; }
    public double BandWidth { get; }

    private double PlotWidth => Frame.Width - Frame.Left - Frame.Right;
    private double PlotHeight => Frame.Height - Frame.Top - Frame.Bottom;
    public double Bottom => Frame.Height - Frame.Bottom;

    public PlotLayout(Plot plot, PlotFrame frame)
    {
        Plot = plot;
        Frame = frame;
        var n = plot.Categories.Count;
        var values = plot.Series.SelectMany(s => s.Values).OfType<double>().ToList();
        var high = plot.Kind == PlotKind.StackedBar
            ? Enumerable.Range(0, n).Select(i => plot.Series.Sum(s => Math.Max(0, s.Values[i] ?? 0))).DefaultIfEmpty(0).Max()
            : values.DefaultIfEmpty(0).Max();
        var low = plot.Kind == PlotKind.StackedBar
            ? Enumerable.Range(0, n).Select(i => plot.Series.Sum(s => Math.Min(0, s.Values[i] ?? 0))).DefaultIfEmpty(0).Min()
            : values.DefaultIfEmpty(0).Min();
        // Bars grow from zero, so zero is always on the scale; lines too, so a small change does not look like a cliff.
        low = Math.Min(0, low);
        high = Math.Max(high, low + 1e-9);
        var step = NiceStep((high - low) / 4);
        Min = Math.Floor(low / step) * step;
        Max = Math.Ceiling(high / step) * step;
        if (Max <= Min) Max = Min + step;
        var ticks = new List<double>();
        for (var t = Min; t <= Max + step / 2 && ticks.Count < 12; t += step) ticks.Add(Math.Round(t, 9));
        Ticks = ticks;
        BandWidth = n == 0 ? 0 : PlotWidth / n;

        // An average glyph is about 0.6 em; labels need a gap of about one em between them.
        var longest = plot.Categories.Select(c => c.Length).DefaultIfEmpty(1).Max();
        var labelWidth = longest * frame.FontSize * 0.6 + frame.FontSize;
        var fit = Math.Max(1, (int)(PlotWidth / labelWidth));
        var every = Math.Max(1, (int)Math.Ceiling(n / (double)fit));
        LabelledCategories = Enumerable.Range(0, n).Where(i => (n - 1 - i) % every == 0).ToList();
    }

    /// <summary>The centre of category <paramref name="i"/>: lines run from the left edge to the right one, bars sit
    /// in the middle of their band.</summary>
    public double X(int i)
    {
        var n = Plot.Categories.Count;
        if (Plot.Kind != PlotKind.Line) return Frame.Left + BandWidth * (i + 0.5);
        return n > 1 ? Frame.Left + i * PlotWidth / (n - 1) : Frame.Left + PlotWidth / 2;
    }

    public double Y(double value) => Frame.Top + (Max - value) * PlotHeight / (Max - Min);

    /// <summary>The bars of category <paramref name="i"/>: side by side for a bar chart, on top of each other for a
    /// stacked one (positive values up from zero, negative down).</summary>
    public IEnumerable<(int Series, double X, double Width, double Top, double Height)> Bars(int i)
    {
        var inner = BandWidth * 0.8;
        var series = Plot.Series.Count;
        double up = 0, down = 0;
        for (var s = 0; s < series; s++)
        {
            if (Plot.Series[s].Values[i] is not { } v) continue;
            if (Plot.Kind == PlotKind.StackedBar)
            {
                var from = v >= 0 ? up : down;
                var to = from + v;
                if (v >= 0) up = to; else down = to;
                yield return (s, X(i) - inner / 2, inner, Y(Math.Max(from, to)), Math.Abs(Y(from) - Y(to)));
            }
            else
            {
                var width = inner / series;
                yield return (s, X(i) - inner / 2 + s * width, width, Y(Math.Max(0, v)), Math.Abs(Y(0) - Y(v)));
            }
        }
    }

    /// <summary>1, 2 or 5 times a power of ten, at least <paramref name="rough"/>.</summary>
    private static double NiceStep(double rough)
    {
        if (rough <= 0 || double.IsNaN(rough)) return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var scaled = rough / power;
        return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
    }
}
