using Masthead.Billing.Emails;
using Masthead.Billing.Gateway;
using Masthead.Billing.Invoices;
using Masthead.Billing.Plans;
using Masthead.Billing.Stripe;
using Masthead.Billing.Subscriptions;
using Masthead.Membership;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Masthead.Billing;

public static class BillingModule
{
    public static WebApplicationBuilder AddBilling(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<BillingOptions>().BindConfiguration(BillingOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.DunningRetryDays.Length > 0 && o.DunningRetryDays.All(d => d > 0)
                && o.DunningRetryDays.SequenceEqual(o.DunningRetryDays.Order()), "Billing:DunningRetryDays must be increasing days after the first failure.")
            .Validate(o => o.Gateway is TestPaymentGateway.GatewayName or Stripe.StripeGateway.GatewayName, "Billing:Gateway must be \"test\" or \"stripe\".")
            .ValidateOnStart();

        // The test gateway keeps card tokens in memory: one per app. Services get it through their scope's
        // context, so its charges and refunds are saved (and rolled back) with the invoices that record them.
        s.AddSingleton<TestPaymentGateway>();
        s.AddScoped<IPaymentGateway>(sp => new ScopedTestGateway(sp.GetRequiredService<TestPaymentGateway>(), sp.GetRequiredService<Data.MastheadDb>()));

        s.AddSingleton<BillingEmails>();
        s.AddScoped<PlanCatalog>();
        s.AddScoped<BillingHistory>();
        s.AddScoped<BillingEngine>();
        s.AddScoped<Refunds>();
        s.AddScoped<BillingService>();
        s.Replace(ServiceDescriptor.Scoped<IEntitlements, BillingEntitlements>());
        s.AddSingleton<EntitlementMemo>();
        s.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, EntitlementChangeInterceptor>();

        s.AddSingleton<BillingClock>();
        s.AddHostedService(sp => sp.GetRequiredService<BillingClock>());
        s.AddHostedService<PlanCatalogService>();
        builder.AddStripeGateway();
        return builder;
    }

    public static WebApplication MapBilling(this WebApplication app)
    {
        app.MapStripe();
        return app;
    }
}

/// <summary>Seeds the plans and prices when absent: a check that runs after the migrations and before requests are
/// served, like the role setup.</summary>
internal sealed class PlanCatalogService(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PlanCatalog>().SeedAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
