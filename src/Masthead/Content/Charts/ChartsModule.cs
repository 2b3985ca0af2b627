using Masthead.Content.Charts.Email;

namespace Masthead.Content.Charts;

internal static class ChartsModule
{
    public static IServiceCollection AddCharts(this IServiceCollection services) =>
        services.AddScoped<ChartQueries>().AddScoped<ChartEmbeds>().AddScoped<ChartStore>().AddSingleton<ChartImages>()
            .AddTrendReportEmail();
}
