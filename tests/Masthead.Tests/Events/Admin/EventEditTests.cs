using System.Net;
using Masthead.Accounts;
using Masthead.Content;
using Masthead.Events;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Events.Admin;

/// <summary>Creating and editing events: local times in the event's zone stored as UTC, the Markdown rendered and
/// sanitised, speakers in order; every bad field a clear message with nothing saved.</summary>
public sealed class EventEditTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(Databases))]
    public async Task AnEventIsCreatedWithItsLocalTimesStoredInUtcAndEditedBackTheSameWay(Db db)
    {
        await using var app = await EventAdminSupport.StartAsync(db);
        var author = await app.WithDbAsync(async d =>
        {
            var a = d.Authors.Add(new Author { Slug = "rana-haddad", Name = "Rana Haddad", Bio = "Energy editor." }).Entity;
            await d.SaveChangesAsync(Ct);
            return a;
        });
        var editor = await app.SignedInClientAsync(Roles.Editor);

        var form = EventAdminSupport.Form("Gulf énergie breakfast", command: "publish").With(
            ("Input.Description", "Doors open at **7:30**.<script>alert(1)</script>"),
            ("Input.Speakers[0].Name", "Omar Saleh"), ("Input.Speakers[0].Role", "Guest"), ("Input.Speakers[0].Bio", "Former minister."),
            ("Input.Speakers[0].Position", "2"),
            ("Input.Speakers[1].AuthorId", author.Id.ToString()), ("Input.Speakers[1].Role", "Host"), ("Input.Speakers[1].Position", "1"));
        var id = (await editor.PostFormAsync("/admin/events/new", form, "/admin/events/new")).RedirectedEventId();

        var ev = await app.LoadEventAsync(id);
        Assert.Equal("gulf-energie-breakfast", ev.Slug);
        Assert.Equal(EventAdminSupport.Utc(12, 10, 14), ev.StartsAt); // 18:00 in Dubai (UTC+4)
        Assert.Equal(EventAdminSupport.Utc(12, 10, 16), ev.EndsAt);
        Assert.Equal(("Asia/Dubai", 40, EventKind.InPerson, AccessLevel.Pro), (ev.TimeZoneId, ev.Capacity, ev.Kind, ev.Access));
        Assert.NotNull(ev.PublishedAt);
        Assert.Contains("<strong>7:30</strong>", ev.DescriptionHtml);
        Assert.DoesNotContain("script", ev.DescriptionHtml);
        Assert.Equal(["Rana Haddad|Host|Energy editor.", "Omar Saleh|Guest|Former minister."],
            ev.Speakers.OrderBy(s => s.Position).Select(s => $"{s.Name}|{s.Role}|{s.Bio}"));
        Assert.Equal(author.Id, ev.Speakers.Single(s => s.Role == "Host").AuthorId);

        // The form shows the times back in the event's zone; a summer date in London is an hour off UTC.
        var page = await (await editor.GetAsync($"/admin/events/{id}", Ct)).TextAsync();
        Assert.Contains("value=\"2026-12-10T18:00\"", page);
        var edited = EventAdminSupport.Form("Gulf energy breakfast", ev.UpdatedAt.Ticks).With(("Input.Slug", ev.Slug),
            ("Input.TimeZoneId", "Europe/London"), ("Input.StartsAt", "2027-06-10T18:30"), ("Input.EndsAt", "2027-06-10T21:00"),
            ("Input.Capacity", ""));
        Assert.Equal(id, (await editor.PostFormAsync($"/admin/events/{id}", edited)).RedirectedEventId());
        ev = await app.LoadEventAsync(id);
        Assert.Equal((EventAdminSupport.Utc(6, 10, 17, 30, 2027), EventAdminSupport.Utc(6, 10, 20, 0, 2027)), (ev.StartsAt, ev.EndsAt));
        Assert.Equal(("Europe/London", (int?)null, "Gulf energy breakfast"), (ev.TimeZoneId, ev.Capacity, ev.Title));
        Assert.Empty(ev.Speakers);
        Assert.Contains("value=\"2027-06-10T18:30\"", await (await editor.GetAsync($"/admin/events/{id}", Ct)).TextAsync());
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task EachBadFieldGetsAClearMessageAndChangesNothing(Db db)
    {
        await using var app = await EventAdminSupport.StartAsync(db);
        await app.SeedEventAsync(e => { e.Slug = "taken-slug"; e.Title = "Another event"; });
        var ev = await app.SeedEventAsync(e => { e.Slug = "board-dinner"; e.ConfirmedCount = 12; });
        var editor = await app.SignedInClientAsync(Roles.Editor);
        var before = await app.LoadEventAsync(ev.Id);
        var valid = EventAdminSupport.Form("Board dinner", before.UpdatedAt.Ticks).With(("Input.Slug", "board-dinner"));

        var cases = new (string Name, Dictionary<string, string> Form, string Message)[]
        {
            ("capacity below confirmed", valid.With(("Input.Capacity", "10")), "12 places are already confirmed: capacity can't be 10."),
            ("capacity not a number", valid.With(("Input.Capacity", "ten")), "Enter the number of places as a whole number"),
            ("end before start", valid.With(("Input.EndsAt", "2026-12-10T17:00")), "The end must be after the start."),
            ("end equal to start", valid.With(("Input.EndsAt", "2026-12-10T18:00")), "The end must be after the start."),
            ("unknown zone", valid.With(("Input.TimeZoneId", "Mars/Olympus_Mons")), "“Mars/Olympus_Mons” is not a time zone this server knows."),
            ("DST gap", valid.With(("Input.TimeZoneId", "Europe/London"), ("Input.StartsAt", "2027-03-28T01:30"), ("Input.EndsAt", "2027-03-28T04:00")),
                "01:30 on 28 March 2027 does not exist in Europe/London: the clocks go forward then and skip it."),
            ("not a date", valid.With(("Input.StartsAt", "next Tuesday")), "Enter the start as a date and time"),
            ("video over http", valid.With(("Input.VideoUrl", "http://meet.example.com/room")), "The video link must be a full https:// address"),
            ("script recording", valid.With(("Input.RecordingUrl", "javascript:alert(1)")), "The recording address must be a full https:// address"),
            ("duplicate slug", valid.With(("Input.Slug", "taken-slug")), "The slug “taken-slug” is already taken."),
            ("in person without venue", valid.With(("Input.VenueName", "")), "An in-person event needs its venue before it is published."),
            ("live Q&A without link", valid.With(("Input.Kind", "LiveQa")), "A live Q&A needs its video link before it is published."),
            ("no title", valid.With(("Input.Title", " ")), "Enter a title."),
            ("stale form", valid.With(("Input.Stamp", "1"), ("Input.Title", "Changed")), "This event was changed by someone else"),
        };
        foreach (var (name, form, message) in cases)
        {
            var response = await editor.PostFormAsync($"/admin/events/{ev.Id}", form);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {(int)response.StatusCode}");
            var text = await response.TextAsync();
            Assert.True(text.Contains(message, StringComparison.Ordinal), $"{name}: the page does not say “{message}”");
            var after = await app.LoadEventAsync(ev.Id);
            Assert.Equal((before.Title, before.StartsAt, before.EndsAt, before.Capacity, before.TimeZoneId, before.VideoUrl, before.Slug, before.UpdatedAt),
                (after.Title, after.StartsAt, after.EndsAt, after.Capacity, after.TimeZoneId, after.VideoUrl, after.Slug, after.UpdatedAt));
        }

        // A capacity of exactly the confirmed count is fine.
        Assert.Equal(ev.Id, (await editor.PostFormAsync($"/admin/events/{ev.Id}", valid.With(("Input.Capacity", "12")))).RedirectedEventId());
        Assert.Equal(12, (await app.LoadEventAsync(ev.Id)).Capacity);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ADraftMayWaitForItsVenueButNotABadOneAndNothingIsCreatedOnError(Db db)
    {
        await using var app = await EventAdminSupport.StartAsync(db);
        var editor = await app.SignedInClientAsync(Roles.Editor);
        var draft = EventAdminSupport.Form("Venue to be announced").With(("Input.VenueName", ""), ("Input.VenueAddress", ""));
        var id = (await editor.PostFormAsync("/admin/events/new", draft, "/admin/events/new")).RedirectedEventId();
        Assert.Null((await app.LoadEventAsync(id)).PublishedAt);

        var bad = EventAdminSupport.Form("Second event").With(("Input.EndsAt", "2026-12-09T20:00"));
        var response = await editor.PostFormAsync("/admin/events/new", bad, "/admin/events/new");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The end must be after the start.", await response.TextAsync());
        Assert.Equal(1, await app.WithDbAsync(d => d.Set<Event>().CountAsync(Ct)));
    }
}
