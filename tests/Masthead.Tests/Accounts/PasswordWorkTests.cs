using System.Net;
using Masthead.Accounts;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Accounts;

/// <summary>Account enumeration by timing: every answer of the password and sign-up forms costs the same password
/// hashing whether the address has an account or not. Asserted by counting the hasher's calls, not by timing them
/// (bench/signin-timing.sh prints the time distributions).</summary>
public sealed class PasswordWorkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(Databases))]
    public async Task EveryPasswordSignInCostsOnePasswordVerificationWhateverTheAddress(Db db)
    {
        var hasher = new CountingPasswordHasher();
        await using var app = await StartAsync(db, hasher);
        await app.CreateUserAsync("known@example.test");
        await CreateAsync(app, "linkonly@example.test", password: null, confirmed: true);
        await CreateAsync(app, "unconfirmed@example.test", TestApp.TestPassword, confirmed: false);

        var attempts = new (string Email, string Password, HttpStatusCode Expected)[]
        {
            ("known@example.test", "a-wrong-password", HttpStatusCode.OK),
            ("unknown@example.test", "a-wrong-password", HttpStatusCode.OK),
            ("linkonly@example.test", "a-wrong-password", HttpStatusCode.OK),
            ("unconfirmed@example.test", TestApp.TestPassword, HttpStatusCode.OK),
            ("known@example.test", TestApp.TestPassword, HttpStatusCode.Redirect),
        };
        foreach (var (email, password, expected) in attempts)
        {
            var client = app.CreateBrowserClient();
            await client.AntiforgeryTokenAsync("/account/signin");
            hasher.Reset();
            var response = await client.PostFormAsync("/account/signin?handler=Password", new() { ["Email"] = email, ["Password"] = password });
            Assert.Equal(expected, response.StatusCode);
            Assert.True(hasher.Calls == 1, $"{email}: {hasher.Calls} password hasher calls");
            if (expected == HttpStatusCode.OK) Assert.Contains("do not match an account", await response.Content.ReadAsStringAsync(Ct));
        }
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task SignUpCostsTheSamePasswordHashingForATakenAddressAsForANewOne(Db db)
    {
        var hasher = new CountingPasswordHasher();
        await using var app = await StartAsync(db, hasher);
        await app.CreateUserAsync("taken@example.test");

        var calls = new Dictionary<string, int>();
        foreach (var (email, password) in new[] { ("taken@example.test", "a-long-password"), ("new@example.test", "a-long-password"),
                     ("taken@example.test", ""), ("other-new@example.test", "") })
        {
            var client = app.CreateBrowserClient();
            await client.AntiforgeryTokenAsync("/account/signup");
            hasher.Reset();
            var response = await client.PostFormAsync("/account/signup", new() { ["Email"] = email, ["Password"] = password });
            Assert.Equal("/account/check-email", response.LocalLocation());
            calls[$"{email} {password}"] = hasher.Calls;
        }
        Assert.Equal(1, calls["taken@example.test a-long-password"]);
        Assert.Equal(1, calls["new@example.test a-long-password"]);
        Assert.Equal(0, calls["taken@example.test "]);
        Assert.Equal(0, calls["other-new@example.test "]);
        // The taken account keeps its password.
        var old = await app.CreateBrowserClient().PostFormAsync("/account/signin?handler=Password",
            new() { ["Email"] = "taken@example.test", ["Password"] = TestApp.TestPassword });
        Assert.Equal(HttpStatusCode.Redirect, old.StatusCode);
    }

    private static Task<TestApp> StartAsync(Db db, CountingPasswordHasher hasher) =>
        TestApp.StartAsync(db, new() { ["Accounts:IpPermitLimit"] = "1000" },
            services: s => s.AddSingleton<IPasswordHasher<User>>(hasher));

    private static async Task CreateAsync(TestApp app, string email, string? password, bool confirmed)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = new User { UserName = email, Email = email, EmailConfirmed = confirmed, CreatedAt = app.Time.GetUtcNow().UtcDateTime };
        var result = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        Assert.True(result.Succeeded);
    }
}

/// <summary>Identity's hasher, counting every hash and verification.</summary>
internal sealed class CountingPasswordHasher : IPasswordHasher<User>
{
    private readonly PasswordHasher<User> _inner = new();
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public void Reset() => Interlocked.Exchange(ref _calls, 0);

    public string HashPassword(User user, string password)
    {
        Interlocked.Increment(ref _calls);
        return _inner.HashPassword(user, password);
    }

    public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _calls);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
