using System.Net;
using Masthead.Briefings;
using Masthead.Briefings.Catalog;
using Masthead.Briefings.Subscribing;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Briefings;

public sealed class SubscribingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(Databases))]
    public async Task TheTenDefaultBriefingsAreSeededOnceWithSchedulesAndRules(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var lists = await app.WithDbAsync(d => d.BriefingLists.AsNoTracking().OrderBy(l => l.Position).ToListAsync(Ct));
        Assert.Equal(10, lists.Count);
        Assert.Equal("The Takeaway & Week in Review", lists[0].Name);
        Assert.Equal(lists.Count, lists.Select(l => l.Slug).Distinct().Count());
        Assert.All(lists, l => Assert.False(l.AutoSend));
        Assert.All(lists, l => Assert.False(string.IsNullOrWhiteSpace(l.Description)));
        Assert.All(lists, l => TimeZoneInfo.FindSystemTimeZoneById(l.TimeZone));
        Assert.Equal("0 7 * * *", lists.Single(l => l.Slug == "middle-east-minute").Schedule);
        Assert.Equal("0 18 * * *", lists.Single(l => l.Slug == "daily-briefing").Schedule);
        Assert.Equal("security", lists.Single(l => l.Slug == "security-briefing").RuleSections);
        Assert.Contains("gulf", lists.Single(l => l.Slug == "gulf-briefing").RuleTags.Split(' '));
        Assert.Equal("Europe/Istanbul", lists.Single(l => l.Slug == "turkey-briefing").TimeZone);

        Assert.Equal(0, await BriefingCatalog.EnsureDefaultListsAsync(app.Services, Ct));
        Assert.Equal(10, await app.WithDbAsync(d => d.BriefingLists.CountAsync(Ct)));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task SubscribingSendsExactlyOneConfirmationAndLeavesTheListsPending(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var daily = await app.ListIdAsync("daily-briefing");
        var gulf = await app.ListIdAsync("gulf-briefing");
        var client = app.CreateBrowserClient();

        var response = await client.SubscribeAsync("  New.Subscriber@Example.test ", daily, gulf);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/briefings/thanks", response.Headers.Location!.OriginalString);

        await app.DeliverQueuedAsync();
        var all = Mailbox.All(app.MailDirectory);
        var message = Assert.Single(all);
        Assert.Equal("new.subscriber@example.test", message.To.Mailboxes.Single().Address);
        Assert.Equal("Confirm your briefings from The Levant Ledger", message.Subject);
        Assert.Contains("Daily Briefing", message.TextBody);
        Assert.Contains("Gulf Briefing", message.TextBody);
        Assert.NotNull(message.HtmlBody);
        Assert.StartsWith("http://localhost/briefings/confirm?token=", Mailbox.FindLink(message, "/briefings/confirm"));

        var subscriber = await app.SubscriberAsync("new.subscriber@example.test");
        Assert.NotNull(subscriber);
        Assert.Null(subscriber.ConfirmedAt);
        Assert.Equal(2, subscriber.Subscriptions.Count);
        Assert.All(subscriber.Subscriptions, s => Assert.Equal(SubscriptionStatus.Pending, s.Status));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheConfirmationLinkShowsAButtonAndThePostActivatesTheLists(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var daily = await app.ListIdAsync("daily-briefing");
        var client = app.CreateBrowserClient();
        await client.SubscribeAsync("reader@example.test", daily);
        var link = Mailbox.PathAndQuery(Mailbox.FindLink(await Mailbox.WaitForAsync(app.MailDirectory, "reader@example.test"), "/briefings/confirm")!);

        // A mail scanner's prefetch does not confirm.
        var page = await client.GetAsync(link, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(SubscriptionStatus.Pending, await app.StatusAsync("reader@example.test", daily));

        var token = link.Split("token=")[1];
        var confirmed = await SubscribingSupport.PostWithTokenAsync(client, link, [new("Token", token)], link);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("You are subscribed", await confirmed.Content.ReadAsStringAsync(Ct));
        Assert.Equal(SubscriptionStatus.Active, await app.StatusAsync("reader@example.test", daily));
        Assert.NotNull((await app.SubscriberAsync("reader@example.test"))!.ConfirmedAt);

        // Confirming again is harmless: still the confirmation and one welcome.
        var again = await SubscribingSupport.PostWithTokenAsync(client, link, [new("Token", token)], link);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await app.DeliverQueuedAsync();
        Assert.Equal(["Confirm your briefings from The Levant Ledger", "Welcome to Daily Briefing"],
            Mailbox.All(app.MailDirectory).Select(m => m.Subject).Order(StringComparer.Ordinal));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task UnconfirmedAddressesExpireAfterTheConfiguredDays(Db db)
    {
        await using var app = await TestApp.StartAsync(db, new() { ["Briefings:Subscribing:UnconfirmedLifetime"] = "3.00:00:00" });
        var daily = await app.ListIdAsync("daily-briefing");
        await app.CreateBrowserClient().SubscribeAsync("late@example.test", daily);
        await app.ConfirmedSubscriberAsync("kept@example.test", "daily-briefing");

        async Task<int> CleanupAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<BriefingSubscriptions>().ExpireUnconfirmedAsync(Ct);
        }

        app.Time.Advance(TimeSpan.FromDays(2));
        await CleanupAsync();
        Assert.NotNull(await app.SubscriberAsync("late@example.test"));

        app.Time.Advance(TimeSpan.FromDays(1.5));
        await CleanupAsync();
        Assert.Null(await app.SubscriberAsync("late@example.test"));
        Assert.False(await app.WithDbAsync(d => d.Subscriptions.AnyAsync(s => s.Subscriber!.Email == "late@example.test", Ct)));
        Assert.NotNull(await app.SubscriberAsync("kept@example.test"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheHoneypotCreatesNothingAndSendsNothing(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var daily = await app.ListIdAsync("daily-briefing");
        var client = app.CreateBrowserClient();
        var page = await SubscribingSupport.PostWithTokenAsync(client, "/briefings/subscribe",
            [new("Email", "bot@example.test"), new("Lists", daily.ToString()), new("Website", "http://spam.example")], "/briefings/subscribe");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var embed = await app.CreateClient(new() { AllowAutoRedirect = false }).PostAsync("/briefings/subscribe/embed",
            new FormUrlEncodedContent([new("email", "bot2@example.test"), new("list", "daily-briefing"), new("website", "x")]), Ct);
        Assert.Equal(HttpStatusCode.Redirect, embed.StatusCode);
        Assert.False(await app.WithDbAsync(d => d.Subscribers.AnyAsync(Ct)));
        await app.DeliverQueuedAsync();
        Assert.Empty(Mailbox.All(app.MailDirectory));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheEmbeddedFormWorksCrossSiteWithoutATokenAndOnlyCreatesAPendingSubscription(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var stranger = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Post, "/briefings/subscribe/embed")
        {
            Content = new FormUrlEncodedContent([new("email", "Embedded@Example.test"), new("list", "security-briefing"), new("list", "turkey-briefing")]),
        };
        request.Headers.Add("Origin", "https://partner.example");
        var response = await stranger.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/briefings/thanks", response.Headers.Location!.OriginalString);
        Assert.False(response.Headers.Contains("Set-Cookie"));

        var subscriber = await app.SubscriberAsync("embedded@example.test");
        Assert.NotNull(subscriber);
        Assert.Null(subscriber.ConfirmedAt);
        Assert.Equal("embed", subscriber.Source);
        Assert.Equal(2, subscriber.Subscriptions.Count);
        Assert.All(subscriber.Subscriptions, s => Assert.Equal(SubscriptionStatus.Pending, s.Status));
        await app.DeliverQueuedAsync();
        Assert.Single(Mailbox.All(app.MailDirectory));

        var bad = await stranger.PostAsync("/briefings/subscribe/embed",
            new FormUrlEncodedContent([new("email", "not an address"), new("list", "security-briefing")]), Ct);
        Assert.Equal(HttpStatusCode.Redirect, bad.StatusCode);
        Assert.StartsWith("/briefings/subscribe?", bad.Headers.Location!.OriginalString);
        await app.DeliverQueuedAsync();
        Assert.Single(Mailbox.All(app.MailDirectory));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AConfirmedAddressAskingForMoreListsMustConfirmOnlyTheNewOnes(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.ConfirmedSubscriberAsync("a@example.test", "daily-briefing");
        var daily = await app.ListIdAsync("daily-briefing");
        var gulf = await app.ListIdAsync("gulf-briefing");
        var client = app.CreateBrowserClient();

        await client.SubscribeAsync("a@example.test", daily, gulf);
        Assert.Equal(SubscriptionStatus.Active, await app.StatusAsync("a@example.test", daily));
        Assert.Equal(SubscriptionStatus.Pending, await app.StatusAsync("a@example.test", gulf));
        await app.DeliverQueuedAsync();
        var message = Assert.Single(Mailbox.All(app.MailDirectory));
        Assert.Contains("Gulf Briefing", message.TextBody);
        Assert.DoesNotContain("Daily Briefing", message.TextBody);

        // Everything chosen is already active: no mail at all.
        await client.SubscribeAsync("a@example.test", daily);
        await app.DeliverQueuedAsync();
        Assert.Single(Mailbox.All(app.MailDirectory));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ASignedInReaderWithAConfirmedAddressSubscribesWithoutAnEmailAndManagesBriefingsFromTheAccount(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var daily = await app.ListIdAsync("daily-briefing");
        var israel = await app.ListIdAsync("israel-briefing");
        var client = await app.SignedInClientAsync(email: "member@example.test");

        // The box on a shared page holds neither the address nor a token, and POSTs from the reader's own page.
        var home = await client.GetStringAsync("/", Ct);
        Assert.Contains("<form method=\"post\" action=\"/briefings/subscribe\"", home);
        Assert.DoesNotContain("member@example.test", home);
        Assert.Contains("the address on your account", home);
        var landingPage = await client.GetStringAsync($"/briefings/subscribe?Source=home&Lists={daily}", Ct);
        Assert.Contains("value=\"member@example.test\"", landingPage);
        Assert.Contains("Briefings go to the address on your account", landingPage);
        Assert.DoesNotContain("We email you once to confirm", landingPage);
        var response = await client.SendAsync(SubscribingSupport.BoxPost([new("Lists", daily.ToString()), new("Source", "home")]), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/briefings", response.Headers.Location!.OriginalString);
        Assert.Equal(SubscriptionStatus.Active, await app.StatusAsync("member@example.test", daily));
        await app.DeliverQueuedAsync();
        // No confirmation round-trip: only the welcome to the briefing.
        Assert.Equal(["Welcome to Daily Briefing"], Mailbox.All(app.MailDirectory).Select(m => m.Subject));
        Assert.NotNull((await app.SubscriberAsync("member@example.test"))!.UserId);

        Assert.Contains("/account/briefings", await client.GetStringAsync("/account", Ct));
        var saved = await SubscribingSupport.PostWithTokenAsync(client, "/account/briefings", [new("Lists", israel.ToString())], "/account/briefings");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(SubscriptionStatus.Unsubscribed, await app.StatusAsync("member@example.test", daily));
        Assert.Equal(SubscriptionStatus.Active, await app.StatusAsync("member@example.test", israel));
        Assert.Contains("checked", (await client.GetStringAsync("/account/briefings", Ct)).Split("Israel Briefing")[0].Split("<input").Last());

        var anonymous = await app.CreateBrowserClient().GetAsync("/account/briefings", Ct);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task SignupFormsTickTheDailyBriefingAtHomeAndTheMatchingRegionOnAnArticle(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var daily = await app.ListIdAsync("daily-briefing");
        var turkey = await app.ListIdAsync("turkey-briefing");
        await app.CreateArticleAsync("Ankara's new budget", tagSlugs: ["turkey"], slug: "ankara-budget");
        var client = app.CreateBrowserClient();

        var home = await client.GetStringAsync("/", Ct);
        Assert.Contains($"value=\"{daily}\" checked=\"checked\"", home);
        Assert.Contains("action=\"/briefings/subscribe\"", home);
        Assert.Contains("name=\"Website\"", home);

        var article = await client.GetStringAsync("/articles/ankara-budget", Ct);
        Assert.Contains($"value=\"{turkey}\" checked=\"checked\"", article);
        Assert.DoesNotContain($"value=\"{daily}\" checked=\"checked\"", article);
    }

    [Fact]
    public async Task AVisitorCanSignUpFromAHomePageServedFromTheOutputCache()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, new() { ["Site:OutputCacheSeconds"] = "60" });
        var daily = await app.ListIdAsync("daily-briefing");
        // Earlier visitors warm the cache, one of them already holding an antiforgery cookie.
        var early = app.CreateBrowserClient();
        await early.GetStringAsync("/briefings/subscribe", Ct);
        await early.GetStringAsync("/", Ct);
        await early.GetStringAsync("/", Ct);

        // The cached box holds nothing bound to a visitor, and one POST from it, without a token, subscribes.
        var visitor = app.CreateBrowserClient();
        var home = await visitor.GetStringAsync("/", Ct);
        Assert.Contains("<form method=\"post\" action=\"/briefings/subscribe\"", home);
        Assert.DoesNotContain("__RequestVerificationToken", home);
        var response = await visitor.SendAsync(SubscribingSupport.BoxPost(
            [new("Email", "cached@example.test"), new("Lists", daily.ToString()), new("Source", "home"), new("Website", "")]), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/briefings/thanks", response.Headers.Location!.OriginalString);
        var subscriber = await app.SubscriberAsync("cached@example.test");
        Assert.Equal("form:home", subscriber!.Source);
        await app.DeliverQueuedAsync();
        Assert.Single(Mailbox.All(app.MailDirectory));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task RepeatedSignupsForTheSameAddressDoNotFloodItsInbox(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var daily = await app.ListIdAsync("daily-briefing");
        var client = app.CreateBrowserClient();
        for (var i = 0; i < 3; i++) await client.SubscribeAsync("target@example.test", daily);
        await app.DeliverQueuedAsync();
        Assert.Single(Mailbox.All(app.MailDirectory));

        // A lost email can be asked for again after a while.
        app.Time.Advance(BriefingSubscriptions.ResendAfter + TimeSpan.FromMinutes(1));
        await client.SubscribeAsync("target@example.test", daily);
        await client.SubscribeAsync("target@example.test", daily);
        await app.DeliverQueuedAsync();
        Assert.Equal(2, Mailbox.All(app.MailDirectory).Count);

        // A newly chosen list is always confirmed at once.
        await client.SubscribeAsync("target@example.test", daily, await app.ListIdAsync("iraq-briefing"));
        await app.DeliverQueuedAsync();
        Assert.Equal(3, Mailbox.All(app.MailDirectory).Count);
    }
}
