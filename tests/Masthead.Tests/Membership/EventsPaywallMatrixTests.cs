using Masthead.Content;
using Masthead.Events;
using Masthead.Tests.Content;
using Masthead.Tests.Events.Core;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Membership;

// ==========================================================================================================
// THE PAYWALL MATRIX, FOR EVENTS. A PRO live Q&A that is on now and a PRO event that has ended with a recording.
// Every signed-in role holds a confirmed place at the live one (a canceled member kept theirs from when they were
// PRO) and a calendar feed. The join link and the recording are what PRO sells here: each channel is checked for
// them, for every role, with the output cache on as in production.
// ==========================================================================================================
public sealed class EventsPaywallMatrixTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string JoinUrl = "https://video.example.test/room/secret-join-7f3q";
    private const string RecordingUrl = "https://video.example.test/recordings/secret-rec-9k2w";
    private const string LiveSlug = "gulf-power-live";
    private const string PastSlug = "iraq-budget-past";

    private enum Shows { ToProReaders, Never }

    private sealed record Channel(string Name, string Secret, Shows Shows, Func<TestApp, HttpClient, string?, Task<string>> Fetch);

    private static readonly Channel[] Channels =
    [
        new("live event page: join link", JoinUrl, Shows.ToProReaders, (_, c, _) => c.GetOkAsync($"/events/{LiveSlug}")),
        new("live event JSON-LD", JoinUrl, Shows.Never, async (_, c, _) => string.Join("\n", ReaderTestSupport.JsonLdBlocks(await c.GetOkAsync($"/events/{LiveSlug}")))),
        new("past event page: recording", RecordingUrl, Shows.ToProReaders, (_, c, _) => c.GetOkAsync($"/events/{PastSlug}")),
        new("events listing", JoinUrl, Shows.Never, (_, c, _) => c.GetOkAsync("/events")),
        new("events listing (recording)", RecordingUrl, Shows.Never, (_, c, _) => c.GetOkAsync("/events")),
        new("account page", JoinUrl, Shows.Never, async (_, c, token) => token is null ? "" : await c.GetOkAsync("/account")),
        // The feed is read by a calendar app with no cookie: only the token says whose it is.
        new("calendar feed: join link", JoinUrl, Shows.ToProReaders, async (app, _, token) => token is null ? "" : await app.CreateClient().GetStringAsync(CalendarFeeds.PathFor(token), Ct)),
    ];

    [Theory, ClassData(typeof(Databases))]
    public async Task JoinLinksAndRecordingsAppearExactlyWhereEachRoleMaySeeThem(Db db)
    {
        await using var app = await PaywallSupport.StartAsync(db, new() { ["Site:OutputCacheSeconds"] = "600" });
        var now = app.Time.GetUtcNow().UtcDateTime;
        var live = await app.CreateEventAsync(e =>
        {
            e.Slug = LiveSlug; e.StartsAt = now.AddMinutes(-10); e.EndsAt = now.AddMinutes(50); e.VideoUrl = JoinUrl; e.Access = AccessLevel.Pro;
        });
        await app.CreateEventAsync(e =>
        {
            e.Slug = PastSlug; e.Title = "Iraq's budget and the oil price"; e.StartsAt = now.AddDays(-3); e.EndsAt = now.AddDays(-3).AddHours(1);
            e.VideoUrl = JoinUrl; e.RecordingUrl = RecordingUrl; e.Access = AccessLevel.Pro;
        });

        var failures = new List<string>();
        foreach (var role in Enum.GetValues<Role>())
        {
            var client = await app.ClientAsync(role);
            string? token = null;
            if (role != Role.Anonymous)
            {
                var userId = await app.WithDbAsync(d => d.Users.Where(u => u.Email == PaywallSupport.EmailOf(role)).Select(u => u.Id).SingleAsync(Ct));
                await app.WithDbAsync(async d =>
                {
                    d.Add(new EventRegistration
                    {
                        EventId = live.Id, UserId = userId, Status = RegistrationStatus.Confirmed, CreatedAt = now.AddDays(-1),
                        QueuedAt = now.AddDays(-1), ConfirmedAt = now.AddDays(-1),
                    });
                    await d.SaveChangesAsync(Ct);
                });
                token = await app.WithAsync<string, CalendarFeeds>(f => f.CreateOrRotateAsync(userId, Ct));
            }
            foreach (var channel in Channels)
            {
                var text = await channel.Fetch(app, client, token);
                var expected = channel.Shows == Shows.ToProReaders && PaywallSupport.ReadsPro(role);
                if (text.Contains(channel.Secret, StringComparison.Ordinal) != expected)
                {
                    failures.Add($"{role} / {channel.Name}: {(expected ? "missing" : "leaked")}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
