using Masthead.Accounts;
using Microsoft.AspNetCore.Identity;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Demo;

internal sealed record DemoAccount(string Email, string Password, string Role, string DisplayName);

/// <summary>Three accounts with published passwords so a new user can try every role locally.
/// Invariant: they exist and can sign in only in Development. Anywhere else they are never created,
/// and any that exist are locked, stripped of their password and of staff roles.</summary>
internal sealed class DemoAccounts(UserManager<User> users, RoleManager<IdentityRole> roles, Data.MastheadDb db,
    TimeProvider time, ILogger<DemoAccounts> logger)
{
    public static readonly DemoAccount[] All =
    [
        new("admin@demo.masthead.local", "masthead-demo-admin", Roles.Admin, "Demo admin"),
        new("editor@demo.masthead.local", "masthead-demo-editor", Roles.Editor, "Demo editor"),
        new("reader@demo.masthead.local", "masthead-demo-reader", Roles.Reader, "Demo reader"),
    ];

    /// <summary>A far date rather than MaxValue, which some providers store as "infinity".</summary>
    private static readonly DateTimeOffset LockedUntil = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public Task ApplyAsync(IHostEnvironment environment) => ApplyAsync(environment.IsDevelopment());

    public Task ApplyAsync(bool isDevelopment) => isDevelopment ? EnsureAsync() : DisableAsync();

    private async Task EnsureAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)));
        }
        foreach (var account in All)
        {
            var user = await users.FindByEmailAsync(account.Email);
            if (user is null)
            {
                user = new User
                {
                    UserName = account.Email, Email = account.Email, EmailConfirmed = true,
                    DisplayName = account.DisplayName, CreatedAt = time.GetUtcNow().UtcDateTime,
                };
                Check(await users.CreateAsync(user, account.Password));
            }
            else
            {
                // Re-enable an account that an earlier run outside Development disabled.
                if (!await users.HasPasswordAsync(user)) Check(await users.AddPasswordAsync(user, account.Password));
                if (user.LockoutEnd is not null) Check(await users.SetLockoutEndDateAsync(user, null));
            }
            if (!await users.IsInRoleAsync(user, account.Role)) Check(await users.AddToRoleAsync(user, account.Role));
        }
        logger.LogWarning(
            "Demo admin {Email} exists, for local use only (Development); password in src/Masthead/Demo/README.md. " +
            "Demo accounts are never created outside Development.", All[0].Email);
    }

    private async Task DisableAsync()
    {
        var emails = All.Select(a => a.Email.ToUpperInvariant()).ToArray();
        // Almost always none: a plain count on every start, the Identity path only when one exists.
        if (!await UserCounts.AnyWithEmailAsync(db, emails)) return;
        var found = await users.Users.Where(u => u.NormalizedEmail != null && emails.Contains(u.NormalizedEmail)).ToListAsync();
        foreach (var user in found)
        {
            var disabled = user.LockoutEnabled && user.LockoutEnd >= LockedUntil && user.PasswordHash is null;
            if (disabled && !await users.IsInRoleAsync(user, Roles.Admin) && !await users.IsInRoleAsync(user, Roles.Editor)) continue;
            Check(await users.SetLockoutEnabledAsync(user, true));
            Check(await users.SetLockoutEndDateAsync(user, LockedUntil));
            if (await users.HasPasswordAsync(user)) Check(await users.RemovePasswordAsync(user));
            foreach (var staff in new[] { Roles.Admin, Roles.Editor })
            {
                if (await users.IsInRoleAsync(user, staff)) Check(await users.RemoveFromRoleAsync(user, staff));
            }
            logger.LogWarning("Demo account {Email} found outside Development: locked, password and staff roles removed.", user.Email);
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
