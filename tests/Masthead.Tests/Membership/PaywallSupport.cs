using System.Security.Claims;
using Masthead.Accounts;
using Masthead.Membership;
using Masthead.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Masthead.Tests.Membership;

/// <summary>The roles of the paywall matrix. Billing lands from another branch, so subscription states are
/// represented by the tier billing will answer for them (COMMON.md): trialing, active PRO and past due
/// (dunning window) keep PRO; canceled after the period ends is a free account again.</summary>
public enum Role { Anonymous, Free, Trialing, Pro, PastDue, Canceled, Editor }

/// <summary>Stands in for billing's IEntitlements: a signed-in user's tier by their email (the user name),
/// staff by role, anyone else free.</summary>
internal sealed class EmailTierEntitlements(IReadOnlyDictionary<string, ReaderTier> tiers) : IEntitlements
{
    public ValueTask<ReaderTier> TierAsync(ClaimsPrincipal? user, CancellationToken ct)
    {
        var tier = AccountOnlyEntitlements.FromRoles(user);
        if (tier == ReaderTier.Free && user?.Identity?.Name is { } name && tiers.TryGetValue(name, out var mapped)) tier = mapped;
        return ValueTask.FromResult(tier);
    }
}

internal static class PaywallSupport
{
    public static string EmailOf(Role role) => $"{role.ToString().ToLowerInvariant()}@paywall.test";

    /// <summary>Per COMMON.md's decision; the only place the test maps subscription states to tiers.</summary>
    public static ReaderTier TierOf(Role role) => role switch
    {
        Role.Anonymous => ReaderTier.Anonymous,
        Role.Free or Role.Canceled => ReaderTier.Free,
        Role.Trialing or Role.Pro or Role.PastDue => ReaderTier.Pro,
        _ => ReaderTier.Staff,
    };

    /// <summary>Roles whose readers may read a PRO body, written out rather than derived from the rule under test.</summary>
    public static bool ReadsPro(Role role) => role is Role.Trialing or Role.Pro or Role.PastDue or Role.Editor;

    public static Task<TestApp> StartAsync(Db db, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Briefings:Subscribing:SeedDefaultLists"] = "false",
            ["Delivery:Enabled"] = "false",
        };
        foreach (var (k, v) in settings ?? []) all[k] = v;
        var tiers = Enum.GetValues<Role>().ToDictionary(EmailOf, TierOf);
        return TestApp.StartAsync(db, all, s =>
        {
            s.RemoveAll<IEntitlements>();
            s.AddScoped<IEntitlements>(_ => new EmailTierEntitlements(tiers));
        });
    }

    /// <summary>A browser for the role: anonymous, or signed in through the real form as that role's user.</summary>
    public static async Task<HttpClient> ClientAsync(this TestApp app, Role role) => role switch
    {
        Role.Anonymous => app.CreateBrowserClient(),
        Role.Editor => await app.SignedInClientAsync(Roles.Editor, EmailOf(role)),
        _ => await app.SignedInClientAsync(null, EmailOf(role)),
    };
}
