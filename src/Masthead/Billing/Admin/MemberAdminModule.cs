using Masthead.Billing.Demo;
using Masthead.Billing.Metrics;

namespace Masthead.Billing.Admin;

/// <summary>The membership admin (/admin/members, /admin/plans, /admin/billing), the metrics behind the
/// charts and the demo members. Pages are found by Razor; every /admin route already requires staff.</summary>
public static class MemberAdminModule
{
    public static WebApplicationBuilder AddMemberAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<BillingMetrics>();
        builder.Services.AddScoped<MemberQueries>();
        builder.Services.AddScoped<MemberExporter>();
        builder.Services.AddScoped<DemoMembers>();
        builder.Services.AddHostedService<DemoMembersService>();
        return builder;
    }
}

/// <summary>The demo members, in Development only; anywhere else their accounts are locked, like the demo staff
/// accounts. A check that runs before requests are served (it seeds the plans itself when it creates members).</summary>
internal sealed class DemoMembersService(IServiceProvider services, IHostEnvironment environment) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoMembers>().ApplyAsync(environment.IsDevelopment(), ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
