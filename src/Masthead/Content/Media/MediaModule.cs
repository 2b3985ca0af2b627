namespace Masthead.Content.Media;

internal static class MediaModule
{
    public static IServiceCollection AddMedia(this IServiceCollection services)
    {
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        return services.AddScoped<MediaStore>();
    }
}
