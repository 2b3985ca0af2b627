using Masthead.Billing.Metrics;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Billing.Admin;

/// <summary>/admin/billing: current MRR, ARR, trials, conversion and churn, and each as a chart over time.</summary>
internal sealed class BillingDashboardModel(BillingMetrics metrics) : PageModel
{
    public MetricsReport Report { get; private set; } = null!;
    public IReadOnlyList<IHtmlContent> Charts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Report = await metrics.ReportAsync(ct);
        var r = Report;
        var labels = r.Buckets.Select(b => b.Label).ToList();
        var per = r.Weekly ? "week" : "month";
        var span = $"the last {r.Buckets.Count} {per}s, {labels[0]} to {labels[^1]}";
        string Money(long minor) => new Money(minor, r.Currency).Format(trimWholeUnits: true);
        IReadOnlyList<ChartPoint> Points<T>(IReadOnlyList<T> values, Func<T, long?> value, Func<T, string> text) =>
            values.Select((v, i) => new ChartPoint(labels[i], value(v), text(v))).ToList();

        Charts =
        [
            SvgChart.Line("chart-mrr", "Monthly recurring revenue (MRR)", $"MRR at the end of each {per}, {span}.",
                Points(r.Mrr, m => m.Minor, m => m.Format()), Money),
            SvgChart.Line("chart-arr", "Annual recurring revenue (ARR)", $"ARR at the end of each {per}, {span}.",
                Points(r.Arr, m => m.Minor, m => m.Format()), Money),
            SvgChart.Line("chart-trials", "Active trials", $"Members in their free trial at the end of each {per}, {span}.",
                Points(r.Trials, t => t, t => t.ToString(System.Globalization.CultureInfo.InvariantCulture)), v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            SvgChart.Line("chart-conversion", "Trial-to-paid conversion", $"Of the trials that ended in each {per}, the share that was paid for; no point where no trial ended. {span}.",
                Points(r.Conversion, c => c.BasisPoints, c => $"{c.Percent} ({c.Part} of {c.Whole})"), Ratio.FormatBasisPoints),
            SvgChart.Line("chart-churn", "Churn", $"Of the members paying at the start of each {per}, the share whose subscription ended in it; no point where nobody was paying. {span}.",
                Points(r.Churn, c => c.BasisPoints, c => $"{c.Percent} ({c.Part} of {c.Whole})"), Ratio.FormatBasisPoints),
        ];
    }
}
