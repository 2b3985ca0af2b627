using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Masthead.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Masthead.Bench;

/// <summary>What the sign-in cookie's validation costs a signed-in request that needs no database: before the
/// per-request stamp check (the baseline: only asking whether Identity's periodic refresh is due) and after it,
/// on a memo hit (the state of every request but the first minute's first one). Each signed-in page pays this once.</summary>
[MemoryDiagnoser]
public class SessionCheckBenchmarks
{
    private const string UserId = "3f0c6a4e-bench-user";
    private const string Stamp = "STAMP-7XQ2";
    private readonly Func<CookieValidatePrincipalContext, Task> _intervalOnly = IntervalOnly(_ => Task.CompletedTask);
    private readonly Func<CookieValidatePrincipalContext, Task> _everyRequest = SecurityStampCheck.OnEveryRequest(_ => Task.CompletedTask);
    private CookieValidatePrincipalContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SecurityStampMemo>();
        services.AddOptions<IdentityOptions>();
        services.AddOptions<SecurityStampValidatorOptions>();
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<SecurityStampMemo>().Remember(UserId, Stamp, until: null, provider.GetRequiredService<SecurityStampMemo>().Version);
        var http = new DefaultHttpContext { RequestServices = provider };
        var claims = new IdentityOptions().ClaimsIdentity;
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(claims.UserIdClaimType, UserId), new Claim(claims.UserNameClaimType, "pro@example.test"),
            new Claim(claims.EmailClaimType, "pro@example.test"), new Claim(claims.RoleClaimType, Roles.Reader),
            new Claim(claims.SecurityStampClaimType, Stamp),
        ], IdentityConstants.ApplicationScheme));
        var properties = new AuthenticationProperties { IssuedUtc = DateTimeOffset.UtcNow };
        var scheme = new AuthenticationScheme(IdentityConstants.ApplicationScheme, null, typeof(CookieAuthenticationHandler));
        _context = new CookieValidatePrincipalContext(http, scheme, new CookieAuthenticationOptions(),
            new AuthenticationTicket(principal, properties, IdentityConstants.ApplicationScheme));
    }

    [Benchmark(Baseline = true)]
    public Task RefreshDueCheckOnly() => _intervalOnly(_context);

    [Benchmark]
    public Task StampCheckOnAMemoHit() => _everyRequest(_context);

    /// <summary>The validation main had before the stamp check: Identity's refresh, only when due.</summary>
    private static Func<CookieValidatePrincipalContext, Task> IntervalOnly(Func<CookieValidatePrincipalContext, Task> refresh) => context =>
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var issued = context.Properties.IssuedUtc;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        return issued is null || now - issued.Value > options.ValidationInterval ? refresh(context) : Task.CompletedTask;
    };
}
