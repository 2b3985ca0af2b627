using Masthead.Content.Admin;
using Masthead.Content.Media;
using Masthead.Content.Publishing;

namespace Masthead.Content;

public static class ContentModule
{
    public static WebApplicationBuilder AddContent(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddContentAdmin().AddMedia().AddPublishing();
        return builder;
    }

    public static WebApplication MapContent(this WebApplication app) => app;
}
