using System.Net;
using System.Security.Cryptography;
using System.Text;
using Masthead.Accounts;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Accounts;

public sealed class MagicLinkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(Databases))]
    public async Task MagicLinkSignsInANewReaderAndWorksOnlyOnce(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = app.CreateBrowserClient();

        var request = await client.RequestLinkAsync("New.Reader@Example.test");
        Assert.Equal(HttpStatusCode.Redirect, request.StatusCode);
        Assert.Equal("/account/check-email", request.LocalLocation());

        var message = await Mailbox.WaitForAsync(app.MailDirectory, "new.reader@example.test");
        Assert.Equal("Your sign-in link for The Levant Ledger", message.Subject);
        var link = await app.LatestLinkAsync("new.reader@example.test");

        // Opening the link (as a mail scanner would) only shows a button.
        var page = await client.GetAsync(link, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Sign in as new.reader@example.test", await page.Content.ReadAsStringAsync(Ct));
        Assert.False(await client.IsSignedInAsync());

        var used = await client.UseLinkAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal("/account", used.LocalLocation());
        Assert.True(await client.IsSignedInAsync());

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var user = await users.FindByEmailAsync("new.reader@example.test");
            Assert.NotNull(user);
            Assert.True(user.EmailConfirmed);
            Assert.Equal([Roles.Reader], await users.GetRolesAsync(user));
        }

        var other = app.CreateBrowserClient();
        var second = await other.UseLinkAsync(link);
        Assert.Equal(HttpStatusCode.Gone, second.StatusCode);
        Assert.Contains("This link is no longer valid", await second.Content.ReadAsStringAsync(Ct));
        Assert.False(await other.IsSignedInAsync());
        Assert.Equal(HttpStatusCode.Gone, (await other.GetAsync(link, Ct)).StatusCode);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ExpiredLinkIsRefusedWithAWayToRequestANewOne(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = app.CreateBrowserClient();
        await client.RequestLinkAsync("late@example.test");
        var link = await app.LatestLinkAsync("late@example.test");

        app.Time.Advance(TimeSpan.FromMinutes(16));

        var page = await client.GetAsync(link, Ct);
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains("href=\"/account/signin\"", await page.Content.ReadAsStringAsync(Ct));
        var used = await client.UseLinkAsync(link);
        Assert.Equal(HttpStatusCode.Gone, used.StatusCode);
        Assert.False(await client.IsSignedInAsync());
        Assert.Equal(0, await app.WithDbAsync(d => d.Users.CountAsync(u => u.Email == "late@example.test", Ct)));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task LinkStillWorksJustBeforeItExpires(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = app.CreateBrowserClient();
        await client.RequestLinkAsync("prompt@example.test");
        app.Time.Advance(TimeSpan.FromMinutes(14));
        var used = await client.UseLinkAsync(await app.LatestLinkAsync("prompt@example.test"));
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task OnlyTheHashOfTheTokenIsStored(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.CreateBrowserClient().RequestLinkAsync("hash@example.test");
        var token = AccountFlows.TokenOf(await app.LatestLinkAsync("hash@example.test"));
        Assert.Equal(43, token.Length); // 32 random bytes, base64url without padding

        var stored = await app.WithDbAsync(d => d.MagicLinkTokens.AsNoTracking().SingleAsync(Ct));
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        Assert.Equal(expected, stored.TokenHash);
        Assert.DoesNotContain(token, string.Join("|", stored.TokenHash, stored.Email, stored.ReturnUrl));
        Assert.Equal(TimeSpan.FromMinutes(15), stored.ExpiresAt - stored.CreatedAt);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task KnownAndUnknownAddressesGetTheSameAnswerAndTheSameEmail(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.CreateUserAsync("known@example.test");

        var known = await app.CreateBrowserClient().RequestLinkAsync("known@example.test");
        var unknown = await app.CreateBrowserClient().RequestLinkAsync("unknown@example.test");

        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(known.Headers.Location, unknown.Headers.Location);
        Assert.Equal(await known.Content.ReadAsStringAsync(Ct), await unknown.Content.ReadAsStringAsync(Ct));

        await app.DeliverQueuedAsync();
        var toKnown = Assert.Single(Mailbox.To(app.MailDirectory, "known@example.test"));
        var toUnknown = Assert.Single(Mailbox.To(app.MailDirectory, "unknown@example.test"));
        Assert.Equal(toKnown.Subject, toUnknown.Subject);
        Assert.Equal(Normalise(toKnown.TextBody, "known"), Normalise(toUnknown.TextBody, "unknown"));

        static string Normalise(string? text, string who) =>
            System.Text.RegularExpressions.Regex.Replace(text ?? "", "token=[A-Za-z0-9_-]+", "token=T").Replace(who, "X");
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TooManyLinksForOneAddressGet429AndNoMoreMail(Db db)
    {
        await using var app = await TestApp.StartAsync(db, new() { ["Accounts:AddressPermitLimit"] = "2" });
        var client = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.RequestLinkAsync("busy@example.test")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.RequestLinkAsync("BUSY@example.test")).StatusCode);

        var limited = await client.RequestLinkAsync("busy@example.test");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Too many sign-in links", await limited.Content.ReadAsStringAsync(Ct));
        await app.DeliverQueuedAsync();
        Assert.Equal(2, Mailbox.To(app.MailDirectory, "busy@example.test").Count);
        Assert.Equal(2, await app.WithDbAsync(d => d.MagicLinkTokens.CountAsync(Ct)));

        // Another address is not affected, and the window moves on.
        Assert.Equal(HttpStatusCode.Redirect, (await client.RequestLinkAsync("calm@example.test")).StatusCode);
        app.Time.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.Redirect, (await client.RequestLinkAsync("busy@example.test")).StatusCode);
        await app.DeliverQueuedAsync();
        Assert.Equal(3, Mailbox.To(app.MailDirectory, "busy@example.test").Count);
    }

    [Fact]
    public async Task TooManyPostsFromOneClientGet429BeforeAnythingIsSent()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, new() { ["Accounts:IpPermitLimit"] = "2" });
        var client = app.CreateBrowserClient();
        await client.RequestLinkAsync("one@example.test");
        await client.RequestLinkAsync("two@example.test");

        var limited = await client.RequestLinkAsync("three@example.test");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));
        Assert.Contains("Too many attempts", await limited.Content.ReadAsStringAsync(Ct));
        await Mailbox.WaitForAsync(app.MailDirectory, "two@example.test");
        await app.DeliverQueuedAsync();
        Assert.Null(Mailbox.Latest(app.MailDirectory, "three@example.test"));
        // Showing the forms is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/signin", Ct)).StatusCode);
    }

    [Fact]
    public async Task LinksUseTheConfiguredBaseUrlNotTheRequestHost()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, new() { ["Site:BaseUrl"] = "https://ledger.example" });
        var client = app.CreateBrowserClient();
        var token = await client.AntiforgeryTokenAsync("/account/signin");
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/signin?handler=Link")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = "host@example.test", ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Host = "attacker.example";
        Assert.Equal(HttpStatusCode.Redirect, (await client.SendAsync(post, Ct)).StatusCode);

        var message = await Mailbox.WaitForAsync(app.MailDirectory, "host@example.test");
        Assert.NotNull(Mailbox.FindLink(message, "https://ledger.example/account/magic?token="));
        Assert.DoesNotContain("attacker.example", message.TextBody + message.HtmlBody);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task LinkReturnsToTheLocalPageItWasRequestedFromButNeverOffSite(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var local = app.CreateBrowserClient();
        await local.RequestLinkAsync("back@example.test", "/articles/some-piece");
        Assert.Equal("/articles/some-piece", (await local.UseLinkAsync(await app.LatestLinkAsync("back@example.test"))).LocalLocation());

        var evil = app.CreateBrowserClient();
        await evil.RequestLinkAsync("away@example.test", "https://attacker.example/");
        Assert.Equal("/account", (await evil.UseLinkAsync(await app.LatestLinkAsync("away@example.test"))).LocalLocation());
    }

    [Fact]
    public async Task InvalidAddressGetsAnInlineMessageAndNoMail()
    {
        await using var app = await TestApp.StartAsync();
        var response = await app.CreateBrowserClient().RequestLinkAsync("not-an-address");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter a valid email address", await response.Content.ReadAsStringAsync(Ct));
        await app.DeliverQueuedAsync();
        Assert.Empty(Mailbox.All(app.MailDirectory));
    }
}
