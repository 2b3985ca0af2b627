using Masthead.Accounts;
using Masthead.Billing.Plans;
using Masthead.Billing.Subscriptions;
using Masthead.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Billing.Demo;

public sealed record DemoMember(string Email, string Password, string DisplayName);

/// <summary>Demo PRO members, following the demo accounts' rule: they exist and can sign in only in Development.
/// Anywhere else any that exist are locked and lose their password. Seeded once (when the PRO demo member has no
/// subscription), deterministically from the clock at that moment: the three documented members plus a
/// synthetic history (<see cref="DemoHistory"/>) so the billing charts have something to show.</summary>
public sealed class DemoMembers(MastheadDb db, UserManager<User> users, RoleManager<IdentityRole> roles, PlanCatalog catalog,
    IOptions<BillingOptions> options, TimeProvider time, ILogger<DemoMembers> logger)
{
    public static readonly DemoMember Pro = new("pro@demo.masthead.local", "masthead-demo-pro", "Demo PRO member");
    public static readonly DemoMember Trial = new("trial@demo.masthead.local", "masthead-demo-trial", "Demo trialing member");
    public static readonly DemoMember PastDue = new("pastdue@demo.masthead.local", "masthead-demo-pastdue", "Demo past-due member");
    public static readonly DemoMember[] Documented = [Pro, Trial, PastDue];

    /// <summary>Synthetic members (no password, cannot sign in): member-01@history.demo.masthead.local …</summary>
    public const string HistoryDomain = "@history.demo.masthead.local";

    private static readonly DateTimeOffset LockedUntil = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public Task ApplyAsync(bool isDevelopment, CancellationToken ct) => isDevelopment ? EnsureAsync(ct) : DisableAsync();

    private async Task EnsureAsync(CancellationToken ct)
    {
        await catalog.SeedAsync(ct);
        if (!await roles.RoleExistsAsync(Roles.Reader)) Check(await roles.CreateAsync(new IdentityRole(Roles.Reader)));
        var accounts = new Dictionary<DemoMember, User>();
        foreach (var member in Documented) accounts[member] = await EnsureUserAsync(member.Email, member.DisplayName, member.Password);

        if (await db.BillingSubscriptions.AnyAsync(s => s.UserId == accounts[Pro].Id, ct)) return;

        var now = time.GetUtcNow().UtcDateTime;
        now = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
        var prices = await db.BillingPrices.Include(p => p.Plan).Where(p => p.Active && p.Plan!.Slug == PlanSlugs.Pro).ToListAsync(ct);
        var annual = prices.Single(p => p.Interval == BillingInterval.Year);
        var monthly = prices.Single(p => p.Interval == BillingInterval.Month);

        var plans = DemoHistory.Plan(now, annual, monthly);
        var history = new List<(DemoHistory.Story Story, User User)>();
        for (var i = 0; i < plans.Count; i++)
        {
            var email = $"member-{i + 1:00}{HistoryDomain}";
            history.Add((plans[i], await EnsureUserAsync(email, $"Demo member {i + 1}", password: null)));
        }
        var documented = new List<(DemoHistory.Story, User)>
        {
            (DemoHistory.ProMember(now, annual), accounts[Pro]),
            (DemoHistory.TrialingMember(now, annual), accounts[Trial]),
            (DemoHistory.PastDueMember(now, monthly), accounts[PastDue]),
        };
        await new DemoHistory(db, options.Value, now).WriteAsync([.. history, .. documented], ct);
        logger.LogWarning("Demo members {Pro}, {Trial} and {PastDue} exist, for local use only (Development); passwords in README.md.",
            Pro.Email, Trial.Email, PastDue.Email);
    }

    private async Task<User> EnsureUserAsync(string email, string displayName, string? password)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new User { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, CreatedAt = time.GetUtcNow().UtcDateTime };
            Check(password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password));
        }
        else if (password is not null)
        {
            // Re-enable an account that an earlier run outside Development disabled.
            if (!await users.HasPasswordAsync(user)) Check(await users.AddPasswordAsync(user, password));
            if (user.LockoutEnd is not null) Check(await users.SetLockoutEndDateAsync(user, null));
        }
        if (!await users.IsInRoleAsync(user, Roles.Reader)) Check(await users.AddToRoleAsync(user, Roles.Reader));
        return user;
    }

    private async Task DisableAsync()
    {
        var emails = Documented.Select(a => a.Email.ToUpperInvariant()).ToArray();
        // Almost always none: a plain count on every start, the Identity path only when one exists.
        if (!await UserCounts.AnyWithEmailAsync(db, emails)) return;
        var found = await users.Users.Where(u => u.NormalizedEmail != null && emails.Contains(u.NormalizedEmail)).ToListAsync();
        foreach (var user in found)
        {
            if (user.LockoutEnabled && user.LockoutEnd >= LockedUntil && user.PasswordHash is null) continue;
            Check(await users.SetLockoutEnabledAsync(user, true));
            Check(await users.SetLockoutEndDateAsync(user, LockedUntil));
            if (await users.HasPasswordAsync(user)) Check(await users.RemovePasswordAsync(user));
            logger.LogWarning("Demo member {Email} found outside Development: locked and password removed.", user.Email);
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
