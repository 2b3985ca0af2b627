using Microsoft.Extensions.Options;

namespace Masthead.Demo;

public static class DemoModule
{
    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddScoped<DemoAccounts>();
        return builder;
    }

    /// <summary>Runs before the app takes requests. Outside Development any demo accounts left in the
    /// database (say, a copy of a local database deployed by mistake) are disabled, whatever Demo:Enabled says.</summary>
    public static async Task SeedDemoAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<DemoAccounts>();
        if (!app.Environment.IsDevelopment())
        {
            await accounts.ApplyAsync(app.Environment);
        }
        if (!options.IsEnabledIn(app.Environment)) return;
        if (app.Environment.IsDevelopment())
        {
            await accounts.ApplyAsync(app.Environment);
        }
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedContentAsync(app.Lifetime.ApplicationStopping);
        await ActivatorUtilities.CreateInstance<DemoEvents>(scope.ServiceProvider).SeedAsync(app.Environment.IsDevelopment(), app.Lifetime.ApplicationStopping);
    }
}
