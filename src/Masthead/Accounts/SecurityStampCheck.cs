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
        async context =>
        {
            var services = context.HttpContext.RequestServices;
            if (!await IsCurrentAsync(context, services))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }
            var options = services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
            var issued = context.Properties.IssuedUtc;
            var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
            if (issued is null || now - issued.Value > options.ValidationInterval) await refresh(context);
        };

    private static async Task<bool> IsCurrentAsync(CookieValidatePrincipalContext context, IServiceProvider services)
    {
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = context.Principal?.FindFirst(claims.UserIdClaimType)?.Value;
        var stamp = context.Principal?.FindFirst(claims.SecurityStampClaimType)?.Value;
        if (userId is null || stamp is null) return false;
        var memo = services.GetRequiredService<SecurityStampMemo>();
        if (memo.IsCurrent(userId, stamp)) return true;
        var readAt = memo.Version;
        var current = await services.GetRequiredService<MastheadDb>().Users.AsNoTracking()
            .Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        if (!string.Equals(current, stamp, StringComparison.Ordinal)) return false;
        memo.Remember(userId, stamp, readAt);
        return true;
    }
}
