using Masthead.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Accounts;

/// <summary>The sign-in cookie's checks on every request. First the session's security stamp: a cookie whose stamp
/// is no longer the user's (they signed out, changed their password) is refused at once, not at Identity's next
/// periodic check. <see cref="SecurityStampMemo"/> answers it without the database for a stamp this process already
/// knows is current. Then Identity's periodic refresh of the claims (roles), once per
/// <see cref="SecurityStampValidatorOptions.ValidationInterval"/>: Identity builds its validator (a SignInManager, a
/// UserManager and a database context) on every request just to find out that no refresh is due, so the same
/// question is asked first, with the same clock and the same rule.</summary>
internal static class SecurityStampCheck
{
    public static Func<CookieValidatePrincipalContext, Task> OnEveryRequest(Func<CookieValidatePrincipalContext, Task> refresh) =>
        context =>
        {
            var services = context.HttpContext.RequestServices;
            var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
            var userId = context.Principal?.FindFirst(claims.UserIdClaimType)?.Value;
            var stamp = context.Principal?.FindFirst(claims.SecurityStampClaimType)?.Value;
            if (userId is null || stamp is null) return RejectAsync(context);
            var memo = services.GetRequiredService<SecurityStampMemo>();
            // The hot path, synchronous and allocation-free: a stamp this process knows is current.
            return memo.IsCurrent(userId, stamp) ? RefreshIfDue(context, refresh) : CheckAsync(context, refresh, memo, userId, stamp);
        };

    private static async Task CheckAsync(CookieValidatePrincipalContext context, Func<CookieValidatePrincipalContext, Task> refresh,
        SecurityStampMemo memo, string userId, string stamp)
    {
        var readAt = memo.Version;
        var current = await context.HttpContext.RequestServices.GetRequiredService<MastheadDb>().Users.AsNoTracking()
            .Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        if (!string.Equals(current, stamp, StringComparison.Ordinal))
        {
            await RejectAsync(context);
            return;
        }
        memo.Remember(userId, stamp, until: null, readAt);
        await RefreshIfDue(context, refresh);
    }

    private static Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        return context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    private static Task RefreshIfDue(CookieValidatePrincipalContext context, Func<CookieValidatePrincipalContext, Task> refresh)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var issued = context.Properties.IssuedUtc;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        return issued is null || now - issued.Value > options.ValidationInterval ? refresh(context) : Task.CompletedTask;
    }
}
