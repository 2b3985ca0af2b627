using Masthead.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Masthead.Accounts;

public static class AccountsModule
{
    public const int MinPasswordLength = 10;

    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddIdentity<User, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                // A password chosen at sign-up works only once the address is proven by a link.
                o.SignIn.RequireConfirmedEmail = true;
                o.Password.RequiredLength = MinPasswordLength;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireDigit = false;
                // No lockout per account: ten wrong passwords from anyone would lock the member out. Password
                // sign-in backs off per address and source instead (SignInBackoffs).
                o.Lockout.AllowedForNewUsers = false;
            })
            .AddEntityFrameworkStores<MastheadDb>()
            .AddDefaultTokenProviders();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/signin";
            o.LogoutPath = "/account/signout";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "masthead.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(30);
            o.Events.OnValidatePrincipal = SecurityStampCheck.OnEveryRequest(o.Events.OnValidatePrincipal);
        });
        // Secure exactly when the request came over HTTPS, directly or through a trusted proxy (Site:KnownProxies).
        // Not "always" for an https Site:BaseUrl: antiforgery refuses every plain-HTTP request then, which turns a
        // proxy left out of KnownProxies into a site whose forms all fail.
        builder.Services.AddOptions<AntiforgeryOptions>().Configure(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        builder.Services.AddSingleton<SecurityStampMemo>();
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, SecurityStampChangeInterceptor>();
        // After AddIdentity: post-configures run in order, and the cookie handler's creates the format this wraps.
        builder.Services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, MemoizeSignInTickets>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Editor, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));
        builder.Services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.Section)
            .Validate(o => o.MagicLinkLifetime > TimeSpan.Zero && o.IpWindow > TimeSpan.Zero && o.AddressWindow > TimeSpan.Zero,
                "Accounts: lifetimes and windows must be positive.")
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy<string, AccountsRateLimit>(AccountsRateLimit.Name);
        });
        builder.Services.AddScoped<MagicLinks>();
        builder.Services.AddScoped<UserAccounts>();
        builder.Services.AddScoped<SignInBackoffs>();
        builder.Services.AddScoped<PasswordSignIn>();
        builder.Services.AddSingleton<DummyPasswordHash>();
        builder.Services.AddHostedService<RoleSetupService>();
        return builder;
    }

    public static WebApplication MapAccounts(this WebApplication app) => app;

    /// <summary>Where a reader lands after signing in when no safe return address was given: staff on the admin.</summary>
    public static async Task<string> LandingAsync(UserManager<User> users, User user, string? localReturnUrl, string readerDefault)
    {
        if (localReturnUrl is not null) return localReturnUrl;
        var roles = await users.GetRolesAsync(user);
        return roles.Contains(Roles.Editor) || roles.Contains(Roles.Admin) ? "/admin" : readerDefault;
    }
}

public static class Policies
{
    public const string Staff = "staff";
    public const string Admin = "admin";
}
