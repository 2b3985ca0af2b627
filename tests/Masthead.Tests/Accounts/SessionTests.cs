using System.Data.Common;
using System.Net;
using Masthead.Accounts;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Accounts;

/// <summary>Sessions end when the member signs out or changes their password, on every device that held the old
/// cookie, and the check that enforces it does not ask the database on every request.</summary>
public sealed class SessionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(Databases))]
    public async Task ACookieCopiedBeforeSignOutNoLongerOpensTheAccount(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var (device, copy) = await SignInWithCopyAsync(app, "leaving@example.test");
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/account", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await device.PostFormAsync("/account/signout", [])).StatusCode);

        var after = await copy.GetAsync("/account", Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/signin", after.LocalLocation());
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task APasswordChangeEndsOtherSessionsAndKeepsThisDeviceSignedIn(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var (device, copy) = await SignInWithCopyAsync(app, "changing@example.test");
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/account", Ct)).StatusCode);

        var changed = await device.PostFormAsync("/account?handler=Password",
            new() { ["CurrentPassword"] = TestApp.TestPassword, ["NewPassword"] = "a-brand-new-password" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        Assert.True(await device.IsSignedInAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await copy.GetAsync("/account", Ct)).StatusCode);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheStampIsReadFromTheDatabaseOnceThenRemembered(Db db)
    {
        var counter = new UserQueries();
        await using var app = await TestApp.StartAsync(db, services: s => s.AddSingleton<IInterceptor>(counter));
        var client = await app.SignedInClientAsync();

        counter.Reset();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/signout", Ct)).StatusCode); // a page that loads no user
        }
        Assert.Equal(1, counter.Count);
    }

    /// <summary>Signs in through the password form and returns that browser plus a second client that sends only a
    /// copy of the sign-in cookie, as a stolen or left-behind cookie would be used.</summary>
    private static async Task<(HttpClient Device, HttpClient Copy)> SignInWithCopyAsync(TestApp app, string email)
    {
        await app.CreateUserAsync(email);
        var device = app.CreateBrowserClient();
        var response = await device.PostFormAsync("/account/signin?handler=Password",
            new() { ["Email"] = email, ["Password"] = TestApp.TestPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("masthead.auth=", StringComparison.Ordinal));
        var copy = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie.Split(';')[0]);
        return (device, copy);
    }

    /// <summary>Counts the commands that read the users table.</summary>
    private sealed class UserQueries : DbCommandInterceptor
    {
        private int _count;
        public int Count => Volatile.Read(ref _count);
        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("AspNetUsers", StringComparison.Ordinal)) Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }
    }
}

/// <summary>Behind a reverse proxy that says the request came over HTTPS, cookies are Secure and HSTS is sent.</summary>
public sealed class HttpsBehindProxyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OverHttpsFromATrustedProxyCookiesAreSecureAndHstsIsSent()
    {
        await using var app = await TestApp.StartAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("http://ledger.example/"),
        });
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "127.0.0.2");
        await app.CreateUserAsync("secure@example.test");

        var form = await client.GetAsync("/account/signin", Ct);
        Assert.Contains("max-age=", form.Headers.GetValues("Strict-Transport-Security").Single());
        var antiforgery = form.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);

        var token = System.Text.RegularExpressions.Regex.Match(await form.Content.ReadAsStringAsync(Ct),
            "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/signin?handler=Password")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = "secure@example.test", ["Password"] = TestApp.TestPassword,
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var signedIn = await client.SendAsync(post, Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("masthead.auth=", StringComparison.Ordinal));
        Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OverPlainHttpNeitherHstsNorSecureCookies()
    {
        await using var app = await TestApp.StartAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, BaseAddress = new Uri("http://ledger.example/") });
        var form = await client.GetAsync("/account/signin", Ct);
        Assert.False(form.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain("secure", form.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AKnownProxyThatIsNotAnAddressStopsTheStart()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            TestApp.StartAsync(Db.Sqlite, new() { ["Site:KnownProxies:0"] = "proxy.internal" }));
        Assert.Contains("Site:KnownProxies", error.ToString());
    }
}
