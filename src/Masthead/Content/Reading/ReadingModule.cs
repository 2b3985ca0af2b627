namespace Masthead.Content.Reading;

public static class ReadingModule
{
    /// <summary>Read-side services of the reader site, feeds and sitemaps.</summary>
    public static IServiceCollection AddContentReading(this IServiceCollection services)
    {
        services.AddScoped<ArticleQueries>();
        services.AddScoped<SitemapQueries>();
        return services;
    }
}
