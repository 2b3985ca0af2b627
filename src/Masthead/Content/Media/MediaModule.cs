namespace Masthead.Content.Media;

internal static class MediaModule
{
    public static IServiceCollection AddMedia(this IServiceCollection services)
    {
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section)
            .ValidateDataAnnotations()
            // Data annotations do not reach into the nested section.
            .Validate(o => o.Import.Timeout >= TimeSpan.FromSeconds(1) && o.Import.Timeout <= TimeSpan.FromMinutes(5),
                "Media:Import:Timeout must be between 00:00:01 and 00:05:00.")
            .ValidateOnStart();
        return services.AddScoped<MediaStore>().AddImageImport();
    }
}
