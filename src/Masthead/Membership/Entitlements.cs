using System.Security.Claims;
using Masthead.Accounts;

namespace Masthead.Membership;

/// <summary>What a reader is entitled to read, decided once per request and asked by every channel.</summary>
public enum ReaderTier
{
    /// <summary>No account, or not signed in.</summary>
    Anonymous,
    /// <summary>Signed in with a free account (or a PRO subscription that has ended).</summary>
    Free,
    /// <summary>Holds a PRO entitlement: trialing, active, or past due while payment is retried.</summary>
    Pro,
    /// <summary>Editors and admins read everything.</summary>
    Staff,
}

/// <summary>Answers "what tier is this reader?". The billing feature replaces the default registration
/// with one that reads subscriptions; the paywall only ever asks this interface.</summary>
public interface IEntitlements
{
    ValueTask<ReaderTier> TierAsync(ClaimsPrincipal? user, CancellationToken ct);
}

/// <summary>Before billing is composed in: staff are staff, any signed-in reader is free.</summary>
internal sealed class AccountOnlyEntitlements : IEntitlements
{
    public ValueTask<ReaderTier> TierAsync(ClaimsPrincipal? user, CancellationToken ct) => ValueTask.FromResult(FromRoles(user));

    public static ReaderTier FromRoles(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated != true ? ReaderTier.Anonymous
        : user.IsInRole(Roles.Editor) || user.IsInRole(Roles.Admin) ? ReaderTier.Staff
        : ReaderTier.Free;
}
