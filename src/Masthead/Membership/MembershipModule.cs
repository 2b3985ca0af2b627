using Masthead.Content.Api;
using Masthead.Membership.Metering;
using Masthead.Membership.PrivateFeeds;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Masthead.Membership;

public static class MembershipModule
{
    public static WebApplicationBuilder AddMembership(this WebApplicationBuilder builder)
    {
        // TryAdd: a feature composed later (billing) may register the real entitlements first or replace this.
        builder.Services.TryAddScoped<IEntitlements, AccountOnlyEntitlements>();
        builder.Services.AddOptions<MeterOptions>().BindConfiguration(MeterOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ReadingMeter>();
        builder.Services.AddSingleton<ReaderViewCachePolicy>();
        builder.Services.AddOptions<OutputCacheOptions>().Configure<IServiceProvider>((o, sp) =>
            o.AddPolicy(ReaderViewCachePolicy.Name, sp.GetRequiredService<ReaderViewCachePolicy>()));
        builder.Services.AddOptions<PrivateFeedOptions>().BindConfiguration(PrivateFeedOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<PrivateFeedTokens>();
        builder.Services.AddRateLimiter(o => o.AddPolicy<string, PrivateFeedRateLimit>(PrivateFeedRateLimit.Name));
        return builder;
    }

    public static WebApplication MapMembership(this WebApplication app)
    {
        app.MapArticleApi();
        app.MapPrivateFeeds();
        return app;
    }
}
