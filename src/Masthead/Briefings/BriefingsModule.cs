namespace Masthead.Briefings;

public static class BriefingsModule
{
    public static WebApplicationBuilder AddBriefings(this WebApplicationBuilder builder)
    {
        return builder;
    }

    public static WebApplication MapBriefings(this WebApplication app)
    {
        return app;
    }
}
