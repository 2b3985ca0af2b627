using Masthead.Content.Admin;
using Masthead.Content.Cards;
using Masthead.Content.Charts;
using Masthead.Content.Feeds;
using Masthead.Content.Pages;
using Masthead.Content.Media;
using Masthead.Content.Publishing;
using Masthead.Content.Reading;
using Masthead.Content.Search;

namespace Masthead.Content;

public static class ContentModule
{
    public static WebApplicationBuilder AddContent(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddSingleton<MemoRenderer>();
        builder.Services.AddContentReading();
        builder.Services.AddContentAdmin().AddMedia().AddPublishing();
        builder.Services.AddSearch();
        builder.Services.AddCharts();
        builder.Services.AddSingleton<SocialCards>();
        return builder;
    }

    public static WebApplication MapContent(this WebApplication app)
    {
        app.MapArticlePage();
        app.MapSocialCards();
        app.MapChartImages();
        app.MapFeeds();
        app.MapSitemaps();
        return app;
    }
}
