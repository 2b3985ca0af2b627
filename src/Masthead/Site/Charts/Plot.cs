namespace Masthead.Site.Charts;

public enum PlotKind { Line, Bar, StackedBar }

/// <summary>One series of a plot: a value per category of the plot (null draws nothing there) and how each value
/// reads in the data table.</summary>
public sealed record PlotSeries(string Name, IReadOnlyList<double?> Values, IReadOnlyList<string> Texts);

/// <summary>What a server-drawn chart shows, whoever owns the numbers (billing metrics, a trend report's series):
/// categories along the bottom (months, dates) and one or more series over them.</summary>
/// <param name="Id">The HTML id of the figure; the SVG's title and desc ids derive from it.</param>
/// <param name="CategoryHeading">The data table's first column heading, e.g. "Period".</param>
public sealed record Plot(string Id, string Title, string Description, PlotKind Kind, string CategoryHeading,
    IReadOnlyList<string> Categories, IReadOnlyList<PlotSeries> Series, Func<double, string> AxisText);

/// <summary>The drawing's box in user units: the SVG viewBox, or the PNG's size before its pixel scale. Margins leave
/// room for the value labels (left) and for half the widest category label beyond the outer points.</summary>
public sealed record PlotFrame(int Width, int Height, int Left, int Right, int Top, int Bottom, int FontSize)
{
    /// <summary>The admin's dashboards: wide, small type, read on a desktop.</summary>
    public static readonly PlotFrame Dashboard = new(640, 240, 72, 40, 16, 40, 12);

    /// <summary>Reader pages and email: narrower, so at 390 px the type still scales to about 11 px.</summary>
    public static readonly PlotFrame Article = new(480, 300, 60, 34, 14, 44, 15);
}

/// <summary>The Okabe–Ito palette, told apart with every common colour-vision deficiency, in the order that reads best
/// on a light page (yellow, faint on paper, last). site.css maps the same classes to lighter tones in dark mode; the
/// PNG keeps these on white.</summary>
public static class PlotPalette
{
    public static readonly string[] Colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

    public static string Colour(int series) => Colours[series % Colours.Length];

    /// <summary>The class site.css colours by: chart-c0 … chart-c7.</summary>
    public static string Class(int series) => "chart-c" + (series % Colours.Length).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
