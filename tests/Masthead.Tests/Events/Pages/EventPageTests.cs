using System.Net;
using System.Text.Json;
using Masthead.Events;
using Masthead.Tests.Content;
using Masthead.Tests.Membership;
using Masthead.Tests.Support;

namespace Masthead.Tests.Events.Pages;

public sealed class EventPageTests
{
    private static JsonElement EventJsonLd(string html)
    {
        var block = Assert.Single(ReaderTestSupport.JsonLdBlocks(html));
        var root = JsonDocument.Parse(block).RootElement;
        Assert.Equal("Event", root.GetProperty("@type").GetString());
        return root;
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task InPersonEventJsonLdIsAnOfflineEventAtAPlaceWithItsAddress(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await EventSeed.AddAsync(app, "amman-breakfast", TimeSpan.FromDays(3), EventKind.InPerson, e => e.Speakers =
            [new EventSpeaker { Name = "Kerem Aydın", Role = "Guest", Bio = "Runs a container line's Caspian services." }]);

        var html = await app.CreateBrowserClient().GetOkAsync("/events/amman-breakfast");
        var ld = EventJsonLd(html);

        Assert.Equal("Event amman-breakfast", ld.GetProperty("name").GetString());
        Assert.Equal("https://schema.org/OfflineEventAttendanceMode", ld.GetProperty("eventAttendanceMode").GetString());
        Assert.Equal("https://schema.org/EventScheduled", ld.GetProperty("eventStatus").GetString());
        var location = ld.GetProperty("location");
        Assert.Equal("Place", location.GetProperty("@type").GetString());
        Assert.Equal("The Ledger Room", location.GetProperty("name").GetString());
        Assert.Equal("PostalAddress", location.GetProperty("address").GetProperty("@type").GetString());
        Assert.Equal("14 Luweibdeh Street, Amman, Jordan", location.GetProperty("address").GetProperty("streetAddress").GetString());
        // The event's own offset: 09:00 UTC is 13:00 in Dubai.
        Assert.Equal("2026-11-23T13:00:00+04:00", ld.GetProperty("startDate").GetString());
        Assert.Equal("2026-11-23T14:00:00+04:00", ld.GetProperty("endDate").GetString());
        Assert.Equal("Kerem Aydın", ld.GetProperty("performer")[0].GetProperty("name").GetString());
        Assert.Equal("Organization", ld.GetProperty("organizer").GetProperty("@type").GetString());
        // A PRO event is not free and has no offer (it is not sold on its own).
        Assert.False(ld.GetProperty("isAccessibleForFree").GetBoolean());
        Assert.False(ld.TryGetProperty("offers", out _));
        // The page itself: the time in the event's zone, named, and the venue.
        Assert.Contains("Monday 23 November 2026, 13:00–14:00 UTC+04 (Asia/Dubai)", System.Net.WebUtility.HtmlDecode(html));
        Assert.Contains("<address>14 Luweibdeh Street, Amman, Jordan</address>", html);
        Assert.Contains("data-zone=\"Asia/Dubai\"", html);
        Assert.Contains("Runs a container line&#x27;s Caspian services.", html.Replace("&#39;", "&#x27;"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task LiveQaJsonLdIsAVirtualLocationAtTheEventPageNeverTheVideo(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await EventSeed.AddAsync(app, "gulf-power", TimeSpan.FromDays(1), change: e => e.Access = Masthead.Content.AccessLevel.Members);

        var ld = EventJsonLd(await app.CreateBrowserClient().GetOkAsync("/events/gulf-power"));

        Assert.Equal("https://schema.org/OnlineEventAttendanceMode", ld.GetProperty("eventAttendanceMode").GetString());
        var location = ld.GetProperty("location");
        Assert.Equal("VirtualLocation", location.GetProperty("@type").GetString());
        Assert.Equal("http://localhost/events/gulf-power", location.GetProperty("url").GetString());
        Assert.DoesNotContain(EventSeed.VideoUrl, ld.GetRawText());
        // Free with an account: an offer at 0.
        Assert.True(ld.GetProperty("isAccessibleForFree").GetBoolean());
        Assert.Equal(0, ld.GetProperty("offers").GetProperty("price").GetInt32());
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ACanceledEventSaysSoWithItsReasonAndIsEventCancelled(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await EventSeed.AddAsync(app, "called-off", TimeSpan.FromDays(1), change: e =>
            (e.Status, e.CancelReason) = (EventStatus.Canceled, "Our guest cannot travel."));

        var html = await app.CreateBrowserClient().GetOkAsync("/events/called-off");

        Assert.Equal("https://schema.org/EventCancelled", EventJsonLd(html).GetProperty("eventStatus").GetString());
        Assert.Contains("This event was canceled.", html);
        Assert.Contains("Our guest cannot travel.", html);
        Assert.DoesNotContain("name=\"__RequestVerificationToken\"", html.Split("id=\"registration\"")[1].Split("</section>")[0]);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheVideoLinkIsOnlyForARegisteredProMemberFromFifteenMinutesBefore(Db db)
    {
        await using var app = await PaywallSupport.StartAsync(db);
        var ev = await EventSeed.AddAsync(app, "live-soon", TimeSpan.FromMinutes(20));
        var anonymous = app.CreateBrowserClient();
        var free = await app.ClientAsync(Role.Free);
        var unregistered = await app.ClientAsync(Role.Trialing);
        var registered = await app.ClientAsync(Role.Pro);
        await EventSeed.ConfirmAsync(app, ev, PaywallSupport.EmailOf(Role.Pro));

        // 20 minutes before: nobody.
        foreach (var (who, client) in new[] { ("anonymous", anonymous), ("free", free), ("PRO unregistered", unregistered), ("PRO registered", registered) })
        {
            Assert.False((await client.GetOkAsync("/events/live-soon")).Contains(EventSeed.VideoUrl), $"video link shown to {who} 20 minutes before");
        }
        Assert.Contains("The link appears here 15 minutes before the start", await registered.GetOkAsync("/events/live-soon"));

        // 10 minutes before: the registered PRO member only.
        app.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Contains(EventSeed.VideoUrl, await registered.GetOkAsync("/events/live-soon"));
        foreach (var (who, client) in new[] { ("anonymous", anonymous), ("free", free), ("PRO unregistered", unregistered) })
        {
            Assert.False((await client.GetOkAsync("/events/live-soon")).Contains(EventSeed.VideoUrl), $"video link shown to {who} 10 minutes before");
        }

        // At the end it goes.
        app.Time.Advance(TimeSpan.FromMinutes(70));
        Assert.DoesNotContain(EventSeed.VideoUrl, await registered.GetOkAsync("/events/live-soon"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheRecordingAppearsAfterTheEndForProMembersAndATeaserForOthers(Db db)
    {
        await using var app = await PaywallSupport.StartAsync(db);
        await EventSeed.AddAsync(app, "recorded", TimeSpan.FromMinutes(-30), change: e => e.RecordingUrl = EventSeed.RecordingUrl);
        var pro = await app.ClientAsync(Role.Pro);
        var free = await app.ClientAsync(Role.Free);

        // Live: no recording yet, even for PRO.
        Assert.DoesNotContain(EventSeed.RecordingUrl, await pro.GetOkAsync("/events/recorded"));

        app.Time.Advance(TimeSpan.FromMinutes(31));
        var proPage = await pro.GetOkAsync("/events/recorded");
        Assert.Contains(EventSeed.RecordingUrl, proPage);
        Assert.Contains("Watch the recording", proPage);
        var freePage = await free.GetOkAsync("/events/recorded");
        Assert.DoesNotContain(EventSeed.RecordingUrl, freePage);
        Assert.Contains("/pricing", freePage);
        Assert.DoesNotContain(EventSeed.RecordingUrl, await app.CreateBrowserClient().GetOkAsync("/events/recorded"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AFreeReaderOnAProEventIsOfferedTheTrialNotAForm(Db db)
    {
        await using var app = await PaywallSupport.StartAsync(db);
        await EventSeed.AddAsync(app, "pro-only", TimeSpan.FromDays(2));

        var html = await (await app.ClientAsync(Role.Free)).GetOkAsync("/events/pro-only");
        var panel = html.Split("id=\"registration\"")[1].Split("</section>")[0];

        Assert.Contains("PRO members", panel);
        Assert.Contains("/pricing", panel);
        Assert.DoesNotContain("handler=Register", panel);
        var anonymousPanel = (await app.CreateBrowserClient().GetOkAsync("/events/pro-only")).Split("id=\"registration\"")[1].Split("</section>")[0];
        Assert.Contains("/account/signin?returnUrl=%2Fevents%2Fpro-only", anonymousPanel);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AnUnknownEventIsNotFound(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowserClient().GetAsync("/events/no-such-event", TestContext.Current.CancellationToken)).StatusCode);
    }
}
