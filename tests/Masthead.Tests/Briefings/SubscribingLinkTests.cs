using System.Net;
using Masthead.Briefings;
using Masthead.Briefings.Catalog;
using Masthead.Briefings.Subscribing;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Briefings;

/// <summary>Signed links: forgery, swapping between subscribers, one-click unsubscribe, the preference centre.</summary>

public sealed class SubscribingLinkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(Databases))]
    public async Task TamperedOrMisusedTokensAreRefused(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await app.ConfirmedSubscriberAsync("a@example.test", "daily-briefing");
        var daily = await app.ListIdAsync("daily-briefing");
        var links = app.Links();
        var token = links.UnsubscribeUrl(id, daily).Split("token=")[1];
        var flipped = token[..^1] + (token[^1] == '0' ? '1' : '0');

        Assert.True(links.TryRead(token, SubscriberLinks.Unsubscribe, out var readId, out var readList));
        Assert.Equal((id, daily), (readId, readList!.Value));
        Assert.True(links.TryRead(token.ToUpperInvariant(), SubscriberLinks.Unsubscribe, out _, out _));
        Assert.False(links.TryRead(flipped, SubscriberLinks.Unsubscribe, out _, out _));
        Assert.False(links.TryRead(token, SubscriberLinks.Preferences, out _, out _));
        Assert.False(links.TryRead(token[..^2], SubscriberLinks.Unsubscribe, out _, out _));
        Assert.False(links.TryRead("", SubscriberLinks.Unsubscribe, out _, out _));

        var client = app.CreateClient();
        var post = await client.PostAsync("/briefings/unsubscribe?token=" + flipped,
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/briefings/preferences?token=" + token, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/briefings/confirm?token=" + token, Ct)).StatusCode);
        Assert.Equal(SubscriptionStatus.Active, await app.StatusAsync("a@example.test", daily));

        var mailto = links.MailtoUnsubscribe(id, daily);
        Assert.Equal($"mailto:unsubscribe+{token}@localhost", mailto);
        Assert.True(mailto["mailto:".Length..mailto.IndexOf('@')].Length <= 64);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ATokenForOneSubscriberCannotUnsubscribeAnother(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var a = await app.ConfirmedSubscriberAsync("a@example.test", "daily-briefing");
        var b = await app.ConfirmedSubscriberAsync("b@example.test", "daily-briefing");
        var daily = await app.ListIdAsync("daily-briefing");
        var links = app.Links();
        var tokenA = links.UnsubscribeUrl(a, daily).Split("token=")[1];
        var tokenB = links.UnsubscribeUrl(b, daily).Split("token=")[1];
        // A's signature with B's id, and B's id with A's signature.
        var swapped = new[]
        {
            $"{b:x}-{daily:x}-{tokenA.Split('-')[2]}",
            $"{a:x}-{daily:x}-{tokenB.Split('-')[2]}",
        };
        var client = app.CreateClient();
        foreach (var forged in swapped)
        {
            var response = await client.PostAsync("/briefings/unsubscribe?token=" + forged,
                new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        Assert.Equal(SubscriptionStatus.Active, await app.StatusAsync("a@example.test", daily));
        Assert.Equal(SubscriptionStatus.Active, await app.StatusAsync("b@example.test", daily));

        var own = await client.PostAsync("/briefings/unsubscribe?token=" + tokenA,
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), Ct);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(SubscriptionStatus.Unsubscribed, await app.StatusAsync("a@example.test", daily));
        Assert.Equal(SubscriptionStatus.Active, await app.StatusAsync("b@example.test", daily));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task OneClickPostUnsubscribesWithoutCookiesOrAntiforgeryAndIsIdempotent(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await app.ConfirmedSubscriberAsync("a@example.test", "daily-briefing", "gulf-briefing");
        var daily = await app.ListIdAsync("daily-briefing");
        var gulf = await app.ListIdAsync("gulf-briefing");
        var url = Mailbox.PathAndQuery(app.Links().UnsubscribeUrl(id, daily));
        var provider = app.CreateClient(new() { HandleCookies = false, AllowAutoRedirect = false });

        var look = await provider.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, look.StatusCode);
        Assert.Contains("Unsubscribe from Daily Briefing?", WebUtility.HtmlDecode(await look.Content.ReadAsStringAsync(Ct)));
        Assert.Equal(SubscriptionStatus.Active, await app.StatusAsync("a@example.test", daily));

        for (var i = 0; i < 2; i++)
        {
            var response = await provider.PostAsync(url, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(SubscriptionStatus.Unsubscribed, await app.StatusAsync("a@example.test", daily));
        }
        Assert.Equal(SubscriptionStatus.Active, await app.StatusAsync("a@example.test", gulf));
        Assert.False(await app.WithDbAsync(d => d.Suppressions.AnyAsync(Ct)));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task UnsubscribeAllLinkEndsEveryListAndSuppressesTheAddress(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await app.ConfirmedSubscriberAsync("a@example.test", "daily-briefing", "gulf-briefing");
        var provider = app.CreateClient(new() { HandleCookies = false });
        var response = await provider.PostAsync(Mailbox.PathAndQuery(app.Links().UnsubscribeAllUrl(id)),
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var subscriber = await app.SubscriberAsync("a@example.test");
        Assert.All(subscriber!.Subscriptions, s => Assert.Equal(SubscriptionStatus.Unsubscribed, s.Status));
        var suppression = await app.WithDbAsync(d => d.Suppressions.SingleAsync(Ct));
        Assert.Equal(("a@example.test", SuppressionReason.UnsubscribedAll), (suppression.Email, suppression.Reason));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ThePreferenceCentreChangesListsAndChoosingAgainLiftsAnUnsubscribeAll(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await app.ConfirmedSubscriberAsync("a@example.test", "daily-briefing");
        var daily = await app.ListIdAsync("daily-briefing");
        var iraq = await app.ListIdAsync("iraq-briefing");
        var url = Mailbox.PathAndQuery(app.Links().PreferencesUrl(id));
        var client = app.CreateBrowserClient();

        var page = await client.GetStringAsync(url, Ct);
        Assert.Contains("a@example.test", page);
        Assert.Contains("Iraq Briefing", page);

        var saved = await SubscribingSupport.PostWithTokenAsync(client, url + "&handler=Save", [new("Lists", iraq.ToString())], url);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(SubscriptionStatus.Unsubscribed, await app.StatusAsync("a@example.test", daily));
        Assert.Equal(SubscriptionStatus.Active, await app.StatusAsync("a@example.test", iraq));

        var all = await SubscribingSupport.PostWithTokenAsync(client, url + "&handler=All", [], url);
        Assert.Equal(HttpStatusCode.Redirect, all.StatusCode);
        Assert.Equal(SubscriptionStatus.Unsubscribed, await app.StatusAsync("a@example.test", iraq));
        Assert.True(await app.WithDbAsync(d => d.Suppressions.AnyAsync(x => x.Email == "a@example.test", Ct)));

        await SubscribingSupport.PostWithTokenAsync(client, url + "&handler=Save", [new("Lists", daily.ToString())], url);
        Assert.Equal(SubscriptionStatus.Active, await app.StatusAsync("a@example.test", daily));
        Assert.False(await app.WithDbAsync(d => d.Suppressions.AnyAsync(Ct)));

        // Without the antiforgery token the page's own form is refused.
        var forged = await client.PostFormWithoutTokenAsync(url + "&handler=All", []);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(SubscriptionStatus.Active, await app.StatusAsync("a@example.test", daily));
    }

}
