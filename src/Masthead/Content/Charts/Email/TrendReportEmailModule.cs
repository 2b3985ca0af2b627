using Masthead.Delivery.Outbox;

namespace Masthead.Content.Charts.Email;

/// <summary>The trend report email: its composer, its sender and its outbox kind ("trend-report").</summary>
internal static class TrendReportEmailModule
{
    public static IServiceCollection AddTrendReportEmail(this IServiceCollection services) =>
        services.AddScoped<TrendReportComposer>().AddScoped<TrendReportSender>()
            .AddSingleton<IOutboxRenderer, TrendReportRenderer>();
}
