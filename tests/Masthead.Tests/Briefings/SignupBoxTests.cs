using System.Net;
using Masthead.Briefings;
using Masthead.Tests.Support;

namespace Masthead.Tests.Briefings;

/// <summary>Signing up is one POST from the box on any page, the address never enters a URL, and each briefing
/// that starts sends its welcome.</summary>
public sealed class SignupBoxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(Databases))]
    public async Task TheBoxOnTheHomeArticleAndBriefingsPagesSubscribesInOnePostWithTheAddressInNoUrl(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var daily = await app.ListIdAsync("daily-briefing");
        await app.CreateArticleAsync("Port fees rise again", slug: "port-fees");
        var visitor = app.CreateBrowserClient();
        foreach (var page in new[] { "/", "/articles/port-fees", "/briefings" })
        {
            var html = await visitor.GetStringAsync(page, Ct);
            Assert.Contains("<form method=\"post\" action=\"/briefings/subscribe\"", html);
            Assert.DoesNotContain("method=\"get\" action=\"/briefings/subscribe\"", html);
        }

        var response = await visitor.SendAsync(SubscribingSupport.BoxPost(
            [new("Email", "one.post@example.test"), new("Lists", daily.ToString()), new("Source", "briefings"), new("Website", "")]), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/briefings/thanks", response.Headers.Location!.OriginalString);
        Assert.Equal(SubscriptionStatus.Pending, await app.StatusAsync("one.post@example.test", daily));
        Assert.Equal("form:briefings", (await app.SubscriberAsync("one.post@example.test"))!.Source);
        await app.DeliverQueuedAsync();
        Assert.Equal("Confirm your briefings from The Levant Ledger", Assert.Single(Mailbox.All(app.MailDirectory)).Subject);

        // An address in the query string is not taken up by the page (it would sit in logs and referrers).
        var old = await visitor.GetStringAsync("/briefings/subscribe?Email=leak%40example.test&Source=home", Ct);
        Assert.DoesNotContain("leak@example.test", old);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ABadAddressFromTheBoxShowsTheFormWithTheErrorAndStoresNothing(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var daily = await app.ListIdAsync("daily-briefing");
        var response = await app.CreateBrowserClient().SendAsync(SubscribingSupport.BoxPost(
            [new("Email", "not-an-address"), new("Lists", daily.ToString()), new("Source", "home")]), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Enter a valid email address", html);
        Assert.Contains("value=\"not-an-address\"", html);
        Assert.Contains($"value=\"{daily}\" checked=\"checked\"", html);
        Assert.Equal(0, await app.WithDbAsync(d => Task.FromResult(d.Subscribers.Count())));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AForeignPageCannotUseASignedInReadersSessionToSubscribeThemAtOnce(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var daily = await app.ListIdAsync("daily-briefing");
        var reader = await app.SignedInClientAsync(email: "reader@example.test");

        // Without the address, a cross-site POST is an anonymous one: it has nobody to subscribe.
        var blind = await reader.SendAsync(SubscribingSupport.BoxPost([new("Lists", daily.ToString())], fetchSite: "cross-site"), Ct);
        Assert.Equal(HttpStatusCode.OK, blind.StatusCode);
        Assert.Contains("Enter a valid email address", await blind.Content.ReadAsStringAsync(Ct));
        Assert.Null(await app.SubscriberAsync("reader@example.test"));

        // With it, the address still has to be confirmed by its owner, as for any visitor.
        var named = await reader.SendAsync(SubscribingSupport.BoxPost(
            [new("Email", "reader@example.test"), new("Lists", daily.ToString())], fetchSite: "cross-site"), Ct);
        Assert.Equal("/briefings/thanks", named.Headers.Location!.OriginalString);
        Assert.Equal(SubscriptionStatus.Pending, await app.StatusAsync("reader@example.test", daily));

        // A POST with neither Sec-Fetch-Site nor Origin is treated the same way.
        var bare = new HttpRequestMessage(HttpMethod.Post, "/briefings/subscribe")
        {
            Content = new FormUrlEncodedContent([new("Lists", daily.ToString())]),
        };
        Assert.Contains("Enter a valid email address", await (await reader.SendAsync(bare, Ct)).Content.ReadAsStringAsync(Ct));
        Assert.Equal(SubscriptionStatus.Pending, await app.StatusAsync("reader@example.test", daily));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task EachBriefingThatStartsSendsOneWelcomeSayingWhatToExpectAndHowToLeave(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var daily = await app.ListIdAsync("daily-briefing");
        var turkey = await app.ListIdAsync("turkey-briefing");
        var client = app.CreateBrowserClient();
        await client.SubscribeAsync("new.reader@example.test", daily, turkey);
        var link = Mailbox.PathAndQuery(Mailbox.FindLink(await Mailbox.WaitForAsync(app.MailDirectory, "new.reader@example.test"), "/briefings/confirm")!);
        await SubscribingSupport.PostWithTokenAsync(client, link, [new("Token", link.Split("token=")[1])], link);
        await app.DeliverQueuedAsync();

        var welcomes = Mailbox.To(app.MailDirectory, "new.reader@example.test").Where(m => m.Subject.StartsWith("Welcome to", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Welcome to Daily Briefing", "Welcome to Turkey Briefing"], welcomes.Select(m => m.Subject).Order(StringComparer.Ordinal));
        var daily_ = welcomes.Single(m => m.Subject == "Welcome to Daily Briefing");
        Assert.Contains("When it arrives: Daily, evenings.", daily_.TextBody);
        Assert.Contains("/briefings/daily-briefing", daily_.TextBody);
        Assert.Contains("unsubscribe link at the foot of any edition", daily_.TextBody);
        Assert.NotNull(Mailbox.FindLink(daily_, "/briefings/preferences?token="));

        // Its "leave now" link leaves that briefing only.
        var leave = Mailbox.PathAndQuery(Mailbox.FindLink(daily_, "/briefings/unsubscribe?token=")!);
        var left = await client.PostAsync(leave, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), Ct);
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        Assert.Equal(SubscriptionStatus.Unsubscribed, await app.StatusAsync("new.reader@example.test", daily));
        Assert.Equal(SubscriptionStatus.Active, await app.StatusAsync("new.reader@example.test", turkey));
    }
}
