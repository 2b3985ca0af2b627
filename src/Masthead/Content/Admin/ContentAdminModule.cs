namespace Masthead.Content.Admin;

internal static class ContentAdminModule
{
    /// <summary>The newsroom's editing services (pages under /admin/articles, /admin/authors, ...).</summary>
    public static IServiceCollection AddContentAdmin(this IServiceCollection services) =>
        services.AddScoped<ArticleEditor>().AddScoped<ArticlePreview>().AddScoped<MemoEditing>().AddSingleton<ExternalImages>();
}
