using System.Net;
using Masthead.Accounts;
using Masthead.Events;
using Masthead.Membership;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Masthead.Tests.Events.Core.EventsCoreSupport;
using IcalCalendar = Ical.Net.Calendar;

namespace Masthead.Tests.Events.Core;

/// <summary>The member's private calendar feed: their places, the invitations' UIDs, the join link only while its
/// owner may see it, and an address dead the moment it is rotated or revoked.</summary>
public sealed class CalendarFeedTests
{
    private static Task<string> TokenAsync(TestApp app, User user) =>
        app.WithAsync<string, CalendarFeeds>(f => f.CreateOrRotateAsync(user.Id, Ct));

    private static async Task<(IcalCalendar Calendar, string Ics)> FeedAsync(HttpClient client, string token)
    {
        var response = await client.GetAsync(CalendarFeeds.PathFor(token), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true }, $"Cache-Control: {response.Headers.CacheControl}");
        var ics = await response.Content.ReadAsStringAsync(Ct);
        return (IcalCalendar.Load(ics)!, ics);
    }

    private static async Task AssertGoneAsync(HttpClient client, string token)
    {
        var response = await client.GetAsync(CalendarFeeds.PathFor(token), Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(CalendarFeedEndpoints.NotFoundMessage, await response.Content.ReadAsStringAsync(Ct));
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true });
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheFeedListsTheMembersPlacesAndDiesWhenRotatedOrRevoked(Db db)
    {
        await using var app = await StartAsync(db);
        var now = app.Time.GetUtcNow().UtcDateTime;
        var qa = await app.CreateEventAsync(e => { e.StartsAt = now.AddDays(3); e.EndsAt = now.AddDays(3).AddHours(1); });
        var full = await app.CreateEventAsync(e => { e.Title = "Full house"; e.Capacity = 1; });
        var canceled = await app.CreateEventAsync(e => e.Title = "Called off");
        var longAgo = await app.CreateEventAsync(e => { e.Title = "Long ago"; e.StartsAt = now.AddDays(-60); e.EndsAt = now.AddDays(-60).AddHours(1); });
        // A reader whose PRO has ended since registering (the default entitlements answer Free for readers), and staff.
        var reader = await app.MemberAsync("reader");
        var editor = await app.CreateUserAsync($"editor-{Guid.NewGuid():n}@example.test", Roles.Editor);
        var filler = await app.MemberAsync("filler");
        await app.RegisterAsync(full, filler);
        foreach (var ev in new[] { qa, full, canceled }) await app.RegisterAsync(ev, reader);
        await app.RegisterAsync(qa, editor, ReaderTier.Staff);
        await app.WithDbAsync(d => d.Set<EventRegistration>().AddAsync(new EventRegistration
        {
            EventId = longAgo.Id, UserId = reader.Id, Status = RegistrationStatus.Confirmed, CreatedAt = now, QueuedAt = now, Sequence = 1,
        }, Ct).AsTask().ContinueWith(_ => d.SaveChangesAsync(Ct)).Unwrap());
        await app.WithAsync<bool, EventChanges>(async c => { await c.CancelEventAsync(canceled.Id, "Venue lost.", "editor@ledger.test", Ct); return true; });

        var feedReader = app.CreateBrowserClient(); // no cookie: the token alone opens the feed
        var token = await TokenAsync(app, reader);
        Assert.Equal(43, token.Length);
        var (calendar, ics) = await FeedAsync(feedReader, token);
        Assert.Equal("PUBLISH", calendar.Method);
        Assert.Contains("X-WR-CALNAME:The Levant Ledger events", ics);
        var uids = calendar.Events.ToDictionary(e => e.Uid!);
        var qaReg = await app.RegistrationAsync(qa.Id, reader.Id);
        var canceledReg = await app.RegistrationAsync(canceled.Id, reader.Id);
        Assert.Equal([$"event-{qa.Id}-reg-{qaReg.Id}@localhost", $"event-{canceled.Id}-reg-{canceledReg.Id}@localhost"], uids.Keys.Order().ToArray());
        Assert.Equal("CANCELLED", uids[$"event-{canceled.Id}-reg-{canceledReg.Id}@localhost"].Status);
        Assert.Equal(canceledReg.Sequence, uids[$"event-{canceled.Id}-reg-{canceledReg.Id}@localhost"].Sequence);
        Assert.All(calendar.Events, e => Assert.Empty(e.Attendees));
        Assert.DoesNotContain(qa.VideoUrl!, ics);
        var parsed = await IcalJs.ParseAsync(ics);
        Assert.Equal(2, parsed.Count);
        Assert.All(parsed, p => Assert.Equal("PUBLISH", p.Method));
        Assert.Equal("The Levant Ledger events", parsed[0].CalendarName);

        // Ten minutes before the start: the editor's feed carries the join link; the lapsed reader's does not.
        app.Time.SetUtcNow(qa.StartsAt.AddMinutes(-10));
        Assert.DoesNotContain(qa.VideoUrl!, (await FeedAsync(feedReader, token)).Ics);
        var editorToken = await TokenAsync(app, editor);
        var (editorCalendar, editorIcs) = await FeedAsync(feedReader, editorToken);
        Assert.Equal(qa.VideoUrl, Assert.Single(editorCalendar.Events).Location);
        Assert.Contains(qa.VideoUrl!, Assert.Single(await IcalJs.ParseAsync(editorIcs)).Location);

        // Rotate: the old address is dead, the new one works.
        var rotated = await TokenAsync(app, reader);
        await AssertGoneAsync(feedReader, token);
        Assert.Equal(2, (await FeedAsync(feedReader, rotated)).Calendar.Events.Count);

        // Revoke: dead, and nothing else changed (registrations, the editor's feed).
        var before = await app.WithDbAsync(d => d.Set<EventRegistration>().AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.Status, r.Sequence }).ToListAsync(Ct));
        await app.WithAsync<bool, CalendarFeeds>(async f => { await f.RevokeAsync(reader.Id, Ct); return true; });
        await AssertGoneAsync(feedReader, rotated);
        Assert.False(await app.WithAsync<bool, CalendarFeeds>(f => f.HasFeedAsync(reader.Id, Ct)));
        Assert.True(await app.WithAsync<bool, CalendarFeeds>(f => f.HasFeedAsync(editor.Id, Ct)));
        Assert.Single((await FeedAsync(feedReader, editorToken)).Calendar.Events);
        var after = await app.WithDbAsync(d => d.Set<EventRegistration>().AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.Status, r.Sequence }).ToListAsync(Ct));
        Assert.Equal(before, after);

        await AssertGoneAsync(feedReader, "unknown-token-unknown-token-unknown-token-x");
        await AssertGoneAsync(feedReader, "short");
    }

    [Fact]
    public async Task TheAccountFormsCreateRotateAndRevokeTheSignedInMembersFeedOnly()
    {
        await using var app = await StartAsync(Db.Sqlite);
        var email = $"panel-{Guid.NewGuid():n}@example.test";
        var client = await app.SignedInClientAsync(null, email);
        var user = await app.WithDbAsync(d => d.Users.SingleAsync(u => u.Email == email, Ct));

        async Task<HttpResponseMessage> PostAsync(string handler) =>
            await client.PostFormAsync($"/account/calendar?handler={handler}", [], formPage: "/account");

        var created = await PostAsync("Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/account#calendar-feed", created.Headers.Location?.OriginalString);
        var firstHash = await app.WithDbAsync(d => d.Set<CalendarFeedToken>().Where(t => t.UserId == user.Id).Select(t => t.TokenHash).SingleAsync(Ct));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync("Create")).StatusCode); // a second create keeps the first
        Assert.Equal(firstHash, await app.WithDbAsync(d => d.Set<CalendarFeedToken>().Where(t => t.UserId == user.Id).Select(t => t.TokenHash).SingleAsync(Ct)));
        await PostAsync("Rotate");
        Assert.NotEqual(firstHash, await app.WithDbAsync(d => d.Set<CalendarFeedToken>().Where(t => t.UserId == user.Id).Select(t => t.TokenHash).SingleAsync(Ct)));
        await PostAsync("Revoke");
        Assert.False(await app.WithAsync<bool, CalendarFeeds>(f => f.HasFeedAsync(user.Id, Ct)));

        var forged = await client.PostFormWithoutTokenAsync("/account/calendar?handler=Create", []);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var anonymous = await app.CreateBrowserClient().PostAsync("/account/calendar?handler=Create", new FormUrlEncodedContent([]), Ct);
        Assert.NotEqual("/account#calendar-feed", anonymous.Headers.Location?.OriginalString);
        Assert.False(await app.WithAsync<bool, CalendarFeeds>(f => f.HasFeedAsync(user.Id, Ct)));
    }
}
