using Masthead.Briefings.Editions;

namespace Masthead.Briefings;

public static class BriefingsModule
{
    public static WebApplicationBuilder AddBriefings(this WebApplicationBuilder builder)
    {
        builder.AddBriefingEditions();
        return builder;
    }

    public static WebApplication MapBriefings(this WebApplication app)
    {
        app.MapBriefingEditions();
        return app;
    }
}
