using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Accounts;

/// <summary>Makes sure the roles exist in every environment; idempotent and safe to run from
/// several instances at once.</summary>
public static class RoleSetup
{
    public static async Task EnsureRolesAsync(IServiceProvider services, CancellationToken ct = default)
    {
        foreach (var name in Roles.All)
        {
            ct.ThrowIfCancellationRequested();
            // A scope per role: a failed insert stays tracked in its context and must not be retried.
            await using var scope = services.CreateAsyncScope();
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            if (await roles.RoleExistsAsync(name)) continue;
            try
            {
                await roles.CreateAsync(new IdentityRole(name));
            }
            catch (DbUpdateException)
            {
                // Another instance may have created it first; anything else is a real failure.
                if (!await roles.RoleExistsAsync(name)) throw;
            }
        }
    }
}

/// <summary>Runs after migrations (they run before the host starts) and before requests are served.</summary>
internal sealed class RoleSetupService(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken ct) => RoleSetup.EnsureRolesAsync(services, ct);
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
