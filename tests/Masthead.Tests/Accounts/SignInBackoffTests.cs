using System.Net;
using Masthead.Accounts;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Accounts;

/// <summary>Wrong passwords slow down the one source that sends them for the one address they try, never the
/// member: no lock per account, a doubling wait per address and source, kept in the database, and one email to
/// the member per episode. Sources are told apart by X-Forwarded-For from the trusted loopback proxy.</summary>
public sealed class SignInBackoffTests
{
    private const string Member = "member@example.test";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(Databases))]
    public async Task FiveWrongPasswordsMakeThatSourceWaitWhileAnotherSourceAndMagicLinksStillSignIn(Db db)
    {
        await using var app = await StartAsync(db);
        await app.CreateUserAsync(Member);
        var attacker = From(app, "127.0.0.2");
        for (var i = 1; i <= 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignInAsync(attacker, "not-the-password")).StatusCode);
        }

        var waiting = await SignInAsync(attacker, TestApp.TestPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, waiting.StatusCode);
        Assert.Contains("password sign-in is paused", await waiting.Content.ReadAsStringAsync(Ct));
        Assert.Equal("1", waiting.Headers.GetValues("Retry-After").Single());
        Assert.False(await attacker.IsSignedInAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(From(app, "127.0.0.3"), TestApp.TestPassword)).StatusCode);
        var byLink = From(app, "127.0.0.2");
        await byLink.RequestLinkAsync(Member);
        await byLink.UseLinkAsync(await app.LatestLinkAsync(Member));
        Assert.True(await byLink.IsSignedInAsync());

        // The wait is kept in the database, per address and source.
        var row = await app.WithDbAsync(d => d.SignInBackoffs.AsNoTracking().SingleAsync(Ct));
        Assert.Equal((Member, "127.0.0.2", 5), (row.Email, row.Source, row.Failures));
        Assert.Equal(app.Time.GetUtcNow().UtcDateTime.AddSeconds(1), row.WaitUntil);

        app.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(attacker, TestApp.TestPassword)).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(d => d.SignInBackoffs.CountAsync(Ct)));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheWaitDoublesUpToFifteenMinutesAndNeverLocksTheMemberOut(Db db)
    {
        await using var app = await StartAsync(db);
        await app.CreateUserAsync(Member);
        var attacker = From(app, "127.0.0.2");
        var waits = new List<int>();
        for (var attempt = 0; attempt < 100 && waits.Count < 12; attempt++)
        {
            var response = await SignInAsync(attacker, "not-the-password");
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                continue;
            }
            var seconds = int.Parse(response.Headers.GetValues("Retry-After").Single());
            waits.Add(seconds);
            app.Time.Advance(TimeSpan.FromSeconds(seconds));
        }
        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900], waits);
        // Over a dozen wrong passwords, and the member signs in at once from their own connection.
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(From(app, "127.0.0.3"), TestApp.TestPassword)).StatusCode);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheMemberIsEmailedOncePerEpisodeWithALinkThatSignsIn(Db db)
    {
        await using var app = await StartAsync(db);
        await app.CreateUserAsync(Member);
        var attacker = From(app, "127.0.0.2");
        await FailAsync(app, attacker, Member, times: 8);
        await FailAsync(app, attacker, "nobody@example.test", times: 8);
        await app.DeliverQueuedAsync();

        var told = Assert.Single(Mailbox.To(app.MailDirectory, Member));
        Assert.Contains("paused", told.Subject);
        Assert.Empty(Mailbox.To(app.MailDirectory, "nobody@example.test"));
        var link = Mailbox.PathAndQuery(Mailbox.FindLink(told, "/account/magic?token=")!);
        var member = From(app, "127.0.0.9");
        Assert.Equal(HttpStatusCode.Redirect, (await member.UseLinkAsync(link)).StatusCode);
        Assert.True(await member.IsSignedInAsync());

        // A successful password sign-in from that source ends the episode; the next one is told again.
        app.Time.Advance(SignInBackoffs.WaitAfter(8, new AccountsOptions()));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(From(app, "127.0.0.2"), TestApp.TestPassword)).StatusCode);
        await FailAsync(app, attacker, Member, times: 5);
        await app.DeliverQueuedAsync();
        Assert.Equal(2, Mailbox.To(app.MailDirectory, Member).Count);
    }

    private static Task<TestApp> StartAsync(Db db) =>
        TestApp.StartAsync(db, new() { ["Accounts:IpPermitLimit"] = "1000", ["Accounts:AddressPermitLimit"] = "100" });

    /// <summary>A browser client whose requests reach the app through the loopback proxy on behalf of <paramref name="ip"/>.</summary>
    private static HttpClient From(TestApp app, string ip)
    {
        var client = app.CreateBrowserClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", ip);
        return client;
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string password, string email = Member) =>
        client.PostFormAsync("/account/signin?handler=Password", new() { ["Email"] = email, ["Password"] = password });

    /// <summary>Wrong passwords, waiting out each pause, so every attempt is a counted failure.</summary>
    private static async Task FailAsync(TestApp app, HttpClient client, string email, int times)
    {
        var failures = 0;
        for (var attempt = 0; attempt < 3 * times && failures < times; attempt++)
        {
            var response = await SignInAsync(client, "not-the-password", email);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                app.Time.Advance(TimeSpan.FromSeconds(int.Parse(response.Headers.GetValues("Retry-After").Single())));
                continue;
            }
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            failures++;
        }
        Assert.Equal(times, failures);
    }
}
