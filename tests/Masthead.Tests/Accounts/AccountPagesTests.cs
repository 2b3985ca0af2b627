using System.Net;
using Masthead.Accounts;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Accounts;

public sealed class AccountPagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(Databases))]
    public async Task RolesExistAfterStartup(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var names = await app.WithDbAsync(d => d.Roles.Select(r => r.Name!).OrderBy(n => n).ToListAsync(Ct));
        Assert.Equal([Roles.Admin, Roles.Editor, Roles.Reader], names);
        await RoleSetup.EnsureRolesAsync(app.Services, Ct); // idempotent
        Assert.Equal(3, await app.WithDbAsync(d => d.Roles.CountAsync(Ct)));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task SignUpWithPasswordNeedsTheEmailedLinkBeforeThePasswordWorks(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = app.CreateBrowserClient();
        var response = await client.PostFormAsync("/account/signup",
            new() { ["Email"] = "writer@example.test", ["Name"] = "Rania Haddad", ["Password"] = "long-enough-secret" });
        Assert.Equal("/account/check-email", response.LocalLocation());

        var early = await PasswordSignInAsync(app.CreateBrowserClient(), "writer@example.test", "long-enough-secret");
        Assert.Equal(HttpStatusCode.OK, early.StatusCode); // the form again: the address is not confirmed yet

        Assert.Equal(HttpStatusCode.Redirect, (await client.UseLinkAsync(await app.LatestLinkAsync("writer@example.test"))).StatusCode);
        var account = await client.GetStringAsync("/account", Ct);
        Assert.Contains("Rania Haddad", account);

        var later = await PasswordSignInAsync(app.CreateBrowserClient(), "writer@example.test", "long-enough-secret");
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ANewAccountGetsOneWelcomeEmailWhenItsAddressIsConfirmed(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = app.CreateBrowserClient();
        await client.PostFormAsync("/account/signup", new() { ["Email"] = "welcome@example.test", ["Name"] = "Lina Farah" });
        await app.DeliverQueuedAsync();
        Assert.DoesNotContain(Mailbox.To(app.MailDirectory, "welcome@example.test"), m => m.Subject.StartsWith("Welcome", StringComparison.Ordinal));

        await client.UseLinkAsync(await app.LatestLinkAsync("welcome@example.test"));
        await app.DeliverQueuedAsync();
        var welcome = Assert.Single(Mailbox.To(app.MailDirectory, "welcome@example.test"), m => m.Subject == "Welcome to The Levant Ledger");
        Assert.Contains("Welcome, Lina Farah", welcome.TextBody);
        Assert.NotNull(Mailbox.FindLink(welcome, "/account/briefings"));

        // Signing in again later is not a new account.
        var later = app.CreateBrowserClient();
        await later.RequestLinkAsync("welcome@example.test");
        await later.UseLinkAsync(await app.LatestLinkAsync("welcome@example.test"));
        await app.DeliverQueuedAsync();
        Assert.Single(Mailbox.To(app.MailDirectory, "welcome@example.test"), m => m.Subject == "Welcome to The Levant Ledger");
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task APasswordSetBySomeoneElseBeforeTheOwnerConfirmsIsDropped(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.CreateBrowserClient().PostFormAsync("/account/signup",
            new() { ["Email"] = "victim@example.test", ["Password"] = "attacker-chose-this" });
        app.Time.Advance(TimeSpan.FromMinutes(1));

        // The owner later signs in by link, not through the sign-up mail.
        var owner = app.CreateBrowserClient();
        await owner.RequestLinkAsync("victim@example.test");
        Assert.Equal(HttpStatusCode.Redirect, (await owner.UseLinkAsync(await app.LatestLinkAsync("victim@example.test"))).StatusCode);

        var attacker = await PasswordSignInAsync(app.CreateBrowserClient(), "victim@example.test", "attacker-chose-this");
        Assert.Equal(HttpStatusCode.OK, attacker.StatusCode);
        Assert.Contains("do not match an account", await attacker.Content.ReadAsStringAsync(Ct));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task SignUpForAnExistingAccountAnswersTheSameAndLeavesItsPasswordAlone(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.CreateUserAsync("taken@example.test");
        var response = await app.CreateBrowserClient().PostFormAsync("/account/signup",
            new() { ["Email"] = "taken@example.test", ["Password"] = "a-different-password" });
        Assert.Equal("/account/check-email", response.LocalLocation());
        await app.DeliverQueuedAsync();
        Assert.Single(Mailbox.To(app.MailDirectory, "taken@example.test"));
        var old = await PasswordSignInAsync(app.CreateBrowserClient(), "taken@example.test", TestApp.TestPassword);
        Assert.Equal(HttpStatusCode.Redirect, old.StatusCode);
    }

    [Fact]
    public async Task ShortPasswordOnSignUpIsExplainedInlineAndCreatesNothing()
    {
        await using var app = await TestApp.StartAsync();
        var response = await app.CreateBrowserClient().PostFormAsync("/account/signup",
            new() { ["Email"] = "short@example.test", ["Password"] = "short" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("at least 10 characters", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, await app.WithDbAsync(d => d.Users.CountAsync(Ct)));
        await app.DeliverQueuedAsync();
        Assert.Empty(Mailbox.All(app.MailDirectory));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task BotsFillingTheHoneypotSeeTheUsualAnswerButNothingHappens(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var response = await app.CreateBrowserClient().PostFormAsync("/account/signup",
            new() { ["Email"] = "bot@example.test", ["Website"] = "http://spam.example" });
        Assert.Equal("/account/check-email", response.LocalLocation());
        await app.DeliverQueuedAsync();
        Assert.Empty(Mailbox.All(app.MailDirectory));
        Assert.Equal(0, await app.WithDbAsync(d => d.Users.CountAsync(Ct)));
        Assert.Equal(0, await app.WithDbAsync(d => d.MagicLinkTokens.CountAsync(Ct)));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AccountFormsRefusePostsWithoutAnAntiforgeryToken(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.CreateUserAsync("csrf@example.test");
        var client = app.CreateBrowserClient();
        var forms = new (string Url, Dictionary<string, string> Fields)[]
        {
            ("/account/signin?handler=Link", new() { ["Email"] = "csrf@example.test" }),
            ("/account/signin?handler=Password", new() { ["Email"] = "csrf@example.test", ["Password"] = TestApp.TestPassword }),
            ("/account/signup", new() { ["Email"] = "csrf2@example.test" }),
            ("/account/magic", new() { ["Token"] = "anything" }),
            ("/account/signout", new()),
        };
        foreach (var (url, fields) in forms)
        {
            var response = await client.PostFormWithoutTokenAsync(url, fields);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode}");
        }
        await app.DeliverQueuedAsync();
        Assert.Empty(Mailbox.All(app.MailDirectory));
        Assert.False(await client.IsSignedInAsync());
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task SignOutNeedsAPostWithAnAntiforgeryToken(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.SignedInClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/signout", Ct)).StatusCode);
        Assert.True(await client.IsSignedInAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostFormWithoutTokenAsync("/account/signout", [])).StatusCode);
        Assert.True(await client.IsSignedInAsync());

        var signedOut = await client.PostFormAsync("/account/signout", []);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.False(await client.IsSignedInAsync());
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AccountPageNeedsSignInAndSavesTheName(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var anonymous = await app.CreateBrowserClient().GetAsync("/account", Ct);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/signin", anonymous.LocalLocation());

        var client = await app.SignedInClientAsync(email: "named@example.test");
        var saved = await client.PostFormAsync("/account?handler=Profile", new() { ["Name"] = "Yusuf Kaya" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Yusuf Kaya", await app.WithDbAsync(d => d.Users.Where(u => u.Email == "named@example.test")
            .Select(u => u.DisplayName).SingleAsync(Ct)));

        var bad = await client.PostFormAsync("/account?handler=Profile", new() { ["Name"] = "two\r\nlines" });
        Assert.Contains("cannot contain line breaks", await bad.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Yusuf Kaya", await app.WithDbAsync(d => d.Users.Where(u => u.Email == "named@example.test")
            .Select(u => u.DisplayName).SingleAsync(Ct)));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ReaderWithoutPasswordCanSetOne(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = app.CreateBrowserClient();
        await client.RequestLinkAsync("linkonly@example.test");
        await client.UseLinkAsync(await app.LatestLinkAsync("linkonly@example.test"));
        Assert.Contains("Set a password", await client.GetStringAsync("/account", Ct));

        var set = await client.PostFormAsync("/account?handler=Password", new() { ["NewPassword"] = "now-i-have-one" });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.True(await client.IsSignedInAsync());
        var withPassword = await PasswordSignInAsync(app.CreateBrowserClient(), "linkonly@example.test", "now-i-have-one");
        Assert.Equal(HttpStatusCode.Redirect, withPassword.StatusCode);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task SignedInReaderWithoutTheRoleGetsTheDeniedPage(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var reader = await app.SignedInClientAsync(Roles.Reader);
        var admin = await reader.GetAsync("/admin/mail", Ct);
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.StartsWith("/account/denied", admin.LocalLocation());
        var denied = await reader.GetAsync(admin.LocalLocation(), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("do not have access", await denied.Content.ReadAsStringAsync(Ct));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task StaffLandOnTheAdminAfterSigningInUnlessTheyCameFromALocalPage(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.CreateUserAsync("editor@example.test", Roles.Editor);
        await app.CreateUserAsync("admin@example.test", Roles.Admin);
        await app.CreateUserAsync("reader@example.test");

        Assert.Equal("/admin", (await PasswordSignInAsync(app.CreateBrowserClient(), "editor@example.test", TestApp.TestPassword)).LocalLocation());
        Assert.Equal("/admin", (await PasswordSignInAsync(app.CreateBrowserClient(), "admin@example.test", TestApp.TestPassword)).LocalLocation());
        Assert.Equal("/", (await PasswordSignInAsync(app.CreateBrowserClient(), "reader@example.test", TestApp.TestPassword)).LocalLocation());
        var returning = await app.CreateBrowserClient().PostFormAsync("/account/signin?handler=Password",
            new() { ["Email"] = "editor@example.test", ["Password"] = TestApp.TestPassword, ["ReturnUrl"] = "/articles/some-piece" },
            formPage: "/account/signin");
        Assert.Equal("/articles/some-piece", returning.LocalLocation());
        var offSite = await app.CreateBrowserClient().PostFormAsync("/account/signin?handler=Password",
            new() { ["Email"] = "editor@example.test", ["Password"] = TestApp.TestPassword, ["ReturnUrl"] = "https://attacker.example/" },
            formPage: "/account/signin");
        Assert.Equal("/admin", offSite.LocalLocation());

        var byLink = app.CreateBrowserClient();
        await byLink.RequestLinkAsync("editor@example.test");
        Assert.Equal("/admin", (await byLink.UseLinkAsync(await app.LatestLinkAsync("editor@example.test"))).LocalLocation());
        var readerByLink = app.CreateBrowserClient();
        await readerByLink.RequestLinkAsync("reader@example.test");
        Assert.Equal("/account", (await readerByLink.UseLinkAsync(await app.LatestLinkAsync("reader@example.test"))).LocalLocation());
    }

    private static Task<HttpResponseMessage> PasswordSignInAsync(HttpClient client, string email, string password) =>
        client.PostFormAsync("/account/signin?handler=Password", new() { ["Email"] = email, ["Password"] = password });
}
