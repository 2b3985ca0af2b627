using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Masthead.Accounts;

/// <summary>Identity checks a signed-in reader's security stamp against the database once per
/// <see cref="SecurityStampValidatorOptions.ValidationInterval"/>, but builds its validator (a SignInManager,
/// a UserManager and a database context) on every request just to find out that no check is due. This asks
/// the same question first, with the same clock and the same rule, and calls Identity only when it is due.</summary>
internal static class SecurityStampCheck
{
    public static Func<CookieValidatePrincipalContext, Task> OnlyWhenDue(Func<CookieValidatePrincipalContext, Task> validate) =>
        context =>
        {
            var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
            var issued = context.Properties.IssuedUtc;
            var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
            var due = issued is null || now - issued.Value > options.ValidationInterval;
            return due ? validate(context) : Task.CompletedTask;
        };
}
