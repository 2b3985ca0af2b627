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
        return builder;
    }

    /// <summary>After MapBilling (which seeds the plans): the demo members, in Development only; anywhere else
    /// their accounts are locked, like the demo staff accounts.</summary>
    public static WebApplication MapMemberAdmin(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<DemoMembers>()
            .ApplyAsync(app.Environment.IsDevelopment(), app.Lifetime.ApplicationStopping).GetAwaiter().GetResult();
        return app;
    }
}
