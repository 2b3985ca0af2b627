using System.Globalization;
using System.Xml.Linq;
using Masthead.Billing.Metrics;

namespace Masthead.Tests.Billing.Admin;

public sealed class SvgChartTests
{
    [Fact]
    public void NoMonthLabelRunsOffEitherEdgeOfTheChart()
    {
        var months = Enumerable.Range(0, 13)
            .Select(i => new DateOnly(2025, 12, 1).AddMonths(i))
            .Select((m, i) => new ChartPoint(m.ToString("MMM yyyy", CultureInfo.InvariantCulture), i * 1000L, "$" + i))
            .ToList();
        var html = SvgChart.Line("mrr", "MRR", "Monthly recurring revenue", months, v => "$" + v).ToString()!;
        var svg = XElement.Parse(html[html.IndexOf("<svg", StringComparison.Ordinal)..(html.IndexOf("</svg>", StringComparison.Ordinal) + 6)]);
        var width = double.Parse(svg.Attribute("viewBox")!.Value.Split(' ')[2], CultureInfo.InvariantCulture);

        var labels = svg.Elements().Where(e => e.Name.LocalName == "text" && (string?)e.Attribute("text-anchor") == "middle").ToList();
        Assert.Contains(labels, l => l.Value == "Dec 2026");
        foreach (var label in labels)
        {
            // A generous average glyph width for a 12 px sans-serif face: 0.6 em.
            var half = label.Value.Length * 12 * 0.6 / 2;
            var x = double.Parse(label.Attribute("x")!.Value, CultureInfo.InvariantCulture);
            Assert.True(x - half >= 0 && x + half <= width, $"\"{label.Value}\" spans {x - half}..{x + half} of {width}");
        }
    }
}
