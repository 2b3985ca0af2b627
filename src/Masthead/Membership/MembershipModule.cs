using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Masthead.Membership;

public static class MembershipModule
{
    public static WebApplicationBuilder AddMembership(this WebApplicationBuilder builder)
    {
        // TryAdd: a feature composed later (billing) may register the real entitlements first or replace this.
        builder.Services.TryAddScoped<IEntitlements, AccountOnlyEntitlements>();
        return builder;
    }

    public static WebApplication MapMembership(this WebApplication app) => app;
}
