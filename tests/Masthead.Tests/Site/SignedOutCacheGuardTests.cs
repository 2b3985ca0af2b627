using System.Security.Claims;
using Masthead.Membership;
using Masthead.Site;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Site;

/// <summary>The second guard behind the signed-out test: whatever chose the anonymous entry before authentication,
/// a response rendered for a signed-in reader is not stored under it.</summary>
public sealed class SignedOutCacheGuardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThePublicPolicyDoesNotStoreAResponseRenderedForASignedInReader()
    {
        await using var app = await TestApp.StartAsync();
        var policy = (IOutputCachePolicy)app.Services.GetRequiredService<SignedOutOnlyCachePolicy>();

        var signedIn = Context(authenticated: true);
        await policy.ServeResponseAsync(signedIn, Ct);
        Assert.False(signedIn.AllowCacheStorage);

        var anonymous = Context(authenticated: false);
        await policy.ServeResponseAsync(anonymous, Ct);
        Assert.True(anonymous.AllowCacheStorage);
    }

    [Fact]
    public async Task TheReaderViewPolicyDoesNotStoreASignedInRenderingUnderTheAnonymousTier()
    {
        await using var app = await TestApp.StartAsync();
        IOutputCachePolicy policy = ActivatorUtilities.CreateInstance<ReaderViewCachePolicy>(app.Services);

        var signedInUnderAnonymous = Context(authenticated: true, tier: "anonymous");
        await policy.ServeResponseAsync(signedInUnderAnonymous, Ct);
        Assert.False(signedInUnderAnonymous.AllowCacheStorage);

        // A signed-in reader's own tier entry is what shared signed-in views are for.
        var signedInUnderPro = Context(authenticated: true, tier: "pro");
        await policy.ServeResponseAsync(signedInUnderPro, Ct);
        Assert.True(signedInUnderPro.AllowCacheStorage);

        var anonymous = Context(authenticated: false, tier: "anonymous");
        await policy.ServeResponseAsync(anonymous, Ct);
        Assert.True(anonymous.AllowCacheStorage);
    }

    private static OutputCacheContext Context(bool authenticated, string? tier = null)
    {
        var http = new DefaultHttpContext
        {
            User = authenticated
                ? new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "pro@example.test")], "Identity.Application"))
                : new ClaimsPrincipal(new ClaimsIdentity()),
        };
        http.Response.StatusCode = StatusCodes.Status200OK;
        var context = new OutputCacheContext { HttpContext = http, AllowCacheStorage = true };
        if (tier is not null) context.CacheVaryByRules.VaryByValues["tier"] = tier;
        return context;
    }
}
