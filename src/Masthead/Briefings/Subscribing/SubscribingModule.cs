using Masthead.Briefings.Catalog;

namespace Masthead.Briefings.Subscribing;

public static class SubscribingModule
{
    public static WebApplicationBuilder AddBriefingSubscriptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SubscribingOptions>().BindConfiguration(SubscribingOptions.Section)
            .Validate(o => o.UnconfirmedLifetime > TimeSpan.Zero && o.CleanupInterval > TimeSpan.Zero && o.IpWindow > TimeSpan.Zero,
                "Briefings:Subscribing: lifetimes and intervals must be positive.")
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SubscriberLinks>();
        builder.Services.AddScoped<BriefingSubscriptions>();
        builder.Services.AddScoped<SignupForms>();
        builder.Services.AddScoped<Import.SubscriberImporter>();
        builder.Services.AddScoped<Import.SubscriberExporter>();
        builder.Services.AddHostedService<BriefingCatalogService>();
        builder.Services.AddHostedService<UnconfirmedCleanup>();
        builder.Services.AddRateLimiter(o => o.AddPolicy<string, SubscribeRateLimit>(SubscribeRateLimit.Name));
        return builder;
    }

    public static WebApplication MapBriefingSubscriptions(this WebApplication app)
    {
        EmbedEndpoint.Map(app);
        return app;
    }
}
