using Masthead.Briefings.Subscribing;

namespace Masthead.Briefings;

public static class BriefingsModule
{
    public static WebApplicationBuilder AddBriefings(this WebApplicationBuilder builder)
    {
        builder.AddBriefingSubscriptions();
        return builder;
    }

    public static WebApplication MapBriefings(this WebApplication app)
    {
        app.MapBriefingSubscriptions();
        return app;
    }
}
