using Masthead.Content.Feeds;
using Masthead.Content.Reading;

namespace Masthead.Content;

public static class ContentModule
{
    public static WebApplicationBuilder AddContent(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddContentReading();
        return builder;
    }

    public static WebApplication MapContent(this WebApplication app)
    {
        app.MapFeeds();
        app.MapSitemaps();
        return app;
    }
}
