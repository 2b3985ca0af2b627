using System.Security.Claims;
using Masthead.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Masthead.Tests.Accounts;

/// <summary>The sign-in cookie's decrypted ticket is remembered briefly, never shared between uses, and only
/// for cookies that really decrypt.</summary>
public sealed class TicketMemoTests
{
    [Fact]
    public void ACookieIsDecryptedOnceWithinTheLifetimeAndEveryUseGetsItsOwnCopy()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        var inner = new CountingFormat();
        var memo = new TicketMemo(inner, time);

        var first = memo.Unprotect(CountingFormat.Valid)!;
        first.Principal.Identities.First().AddClaim(new Claim("added", "by the first request"));
        first.Properties.Items["changed"] = "yes";
        var second = memo.Unprotect(CountingFormat.Valid)!;

        Assert.Equal(1, inner.Calls);
        Assert.Equal("reader@example.test", second.Principal.Identity!.Name);
        Assert.Null(second.Principal.FindFirst("added"));
        Assert.False(second.Properties.Items.ContainsKey("changed"));

        time.Advance(TicketMemo.Lifetime + TimeSpan.FromSeconds(1));
        Assert.NotNull(memo.Unprotect(CountingFormat.Valid));
        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public void ACookieThatDoesNotDecryptIsAskedEveryTimeAndNeverRemembered()
    {
        var inner = new CountingFormat();
        var memo = new TicketMemo(inner, TimeProvider.System);

        Assert.Null(memo.Unprotect("forged"));
        Assert.Null(memo.Unprotect("forged"));
        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public async Task TheSignInCookieOfTheAppUsesTheMemoAndOnlyThatCookie()
    {
        await using var app = await Support.TestApp.StartAsync();
        var options = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>();
        Assert.IsType<TicketMemo>(options.Get(IdentityConstants.ApplicationScheme).TicketDataFormat);
        Assert.IsNotType<TicketMemo>(options.Get(IdentityConstants.ExternalScheme).TicketDataFormat);
    }

    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        public const string Valid = "valid-cookie";
        public int Calls { get; private set; }

        public string Protect(AuthenticationTicket data) => Valid;
        public string Protect(AuthenticationTicket data, string? purpose) => Valid;
        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Calls++;
            if (protectedText != Valid) return null;
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "reader@example.test")], IdentityConstants.ApplicationScheme);
            return new AuthenticationTicket(new ClaimsPrincipal(identity), new AuthenticationProperties(), IdentityConstants.ApplicationScheme);
        }
    }
}
