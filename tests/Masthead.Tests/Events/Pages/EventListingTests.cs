using System.Net;
using Masthead.Events;
using Masthead.Tests.Content;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Events.Pages;

public sealed class EventListingTests
{
    [Theory, ClassData(typeof(Databases))]
    public async Task ListingShowsUpcomingSoonestFirstAndPastMostRecentFirstAndHidesDrafts(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await EventSeed.AddAsync(app, "later-qa", TimeSpan.FromDays(9));
        await EventSeed.AddAsync(app, "sooner-dinner", TimeSpan.FromDays(2), EventKind.InPerson, e =>
        {
            e.Admission = EventAdmission.ByInvitation;
            e.Capacity = 12;
        });
        await EventSeed.AddAsync(app, "full-breakfast", TimeSpan.FromDays(4), EventKind.InPerson, e => (e.Capacity, e.ConfirmedCount) = (3, 3));
        await EventSeed.AddAsync(app, "roomy-breakfast", TimeSpan.FromDays(5), EventKind.InPerson, e => (e.Capacity, e.ConfirmedCount) = (10, 7));
        await EventSeed.AddAsync(app, "called-off", TimeSpan.FromDays(3), change: e => (e.Status, e.CancelReason) = (EventStatus.Canceled, "The speaker is ill."));
        await EventSeed.AddAsync(app, "old-qa", TimeSpan.FromDays(-30));
        await EventSeed.AddAsync(app, "recent-qa", TimeSpan.FromDays(-3));
        await EventSeed.AddAsync(app, "a-draft", TimeSpan.FromDays(1), change: e => e.PublishedAt = null);
        await EventSeed.AddAsync(app, "not-yet-published", TimeSpan.FromDays(1), change: e => e.PublishedAt = app.Time.GetUtcNow().UtcDateTime.AddHours(1));

        var html = await app.CreateBrowserClient().GetOkAsync("/events");
        var upcoming = html[..html.IndexOf("id=\"past\"", StringComparison.Ordinal)];
        var past = html[html.IndexOf("id=\"past\"", StringComparison.Ordinal)..];

        Assert.True(Order(upcoming, "sooner-dinner", "called-off", "full-breakfast", "roomy-breakfast", "later-qa"), "upcoming not soonest first");
        Assert.True(Order(past, "recent-qa", "old-qa"), "past not most recent first");
        Assert.DoesNotContain("/events/old-qa", upcoming);
        Assert.DoesNotContain("/events/later-qa", past);
        Assert.DoesNotContain("a-draft", html);
        Assert.DoesNotContain("not-yet-published", html);
        // The kinds, PRO, places and the state of each.
        Assert.Contains("Live Q&amp;A", html);
        Assert.Contains("In person", html);
        Assert.Contains(">PRO<", html);
        Assert.Contains("By invitation", System.Net.WebUtility.HtmlDecode(Item(html, "sooner-dinner")));
        Assert.Contains("Waitlist open", Item(html, "full-breakfast"));
        Assert.Contains("3 places left", Item(html, "roomy-breakfast"));
        Assert.Contains("Canceled", Item(html, "called-off"));
        // The time in the event's zone, the zone named: the test clock's 09:00 UTC + 2 days is 13:00 in Dubai.
        Assert.Contains("22 Nov 2026, 13:00 UTC+04 (Asia/Dubai)", System.Net.WebUtility.HtmlDecode(Item(html, "sooner-dinner")));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task PastEventsArePagedAndAPagePastTheEndIsNotFound(Db db)
    {
        await using var app = await TestApp.StartAsync(db, new() { ["Site:PageSize"] = "2" });
        for (var i = 1; i <= 3; i++) await EventSeed.AddAsync(app, $"past-{i}", TimeSpan.FromDays(-i * 7));
        var client = app.CreateBrowserClient();

        var first = await client.GetOkAsync("/events");
        var second = await client.GetOkAsync("/events?page=2");
        Assert.Contains("/events/past-1", first);
        Assert.Contains("/events/past-2", first);
        Assert.DoesNotContain("/events/past-3", first);
        Assert.Contains("href=\"/events?page=2\"", first);
        Assert.Contains("/events/past-3", second);
        Assert.DoesNotContain("/events/past-1", second);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/events?page=3", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ADraftEventPageIsNotFoundEvenForStaff(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await EventSeed.AddAsync(app, "a-draft", TimeSpan.FromDays(1), change: e => e.PublishedAt = null);
        var editor = await app.SignedInClientAsync(Masthead.Accounts.Roles.Editor);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync("/events/a-draft", TestContext.Current.CancellationToken)).StatusCode);
        Assert.DoesNotContain("a-draft", await editor.GetOkAsync("/events"));
    }

    private static string Item(string html, string slug)
    {
        var at = html.IndexOf($"/events/{slug}\"", StringComparison.Ordinal);
        Assert.True(at >= 0, $"{slug} not listed");
        var end = html.IndexOf("</li>", at, StringComparison.Ordinal);
        var start = html.LastIndexOf("<li>", at, StringComparison.Ordinal);
        return html[start..end];
    }

    private static bool Order(string html, params string[] slugs)
    {
        var positions = slugs.Select(s => html.IndexOf($"/events/{s}\"", StringComparison.Ordinal)).ToList();
        return positions.All(p => p >= 0) && positions.Zip(positions.Skip(1)).All(p => p.First < p.Second);
    }
}
