namespace Masthead.Content;

public static class ContentModule
{
    public static WebApplicationBuilder AddContent(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MarkdownRenderer>();
        return builder;
    }

    public static WebApplication MapContent(this WebApplication app) => app;
}
