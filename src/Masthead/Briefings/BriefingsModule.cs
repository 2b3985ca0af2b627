using Masthead.Briefings.Subscribing;
using Masthead.Briefings.Editions;

namespace Masthead.Briefings;

public static class BriefingsModule
{
    public static WebApplicationBuilder AddBriefings(this WebApplicationBuilder builder)
    {
        builder.AddBriefingSubscriptions();
        builder.AddBriefingEditions();
        // Editions put the subscription feature's signed links into every message.
        builder.Services.AddSingleton<ISubscriberLinks>(sp => sp.GetRequiredService<SubscriberLinks>());
        return builder;
    }

    public static WebApplication MapBriefings(this WebApplication app)
    {
        app.MapBriefingSubscriptions();
        app.MapBriefingEditions();
        return app;
    }
}
