namespace Masthead.Content.Publishing;

internal static class PublishingModule
{
    public static IServiceCollection AddPublishing(this IServiceCollection services)
    {
        services.AddOptions<PublishingOptions>().BindConfiguration(PublishingOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        // One instance, resolvable by tests that drive PublishDueAsync themselves.
        services.AddSingleton<ScheduledPublisher>();
        return services.AddHostedService(sp => sp.GetRequiredService<ScheduledPublisher>());
    }
}
