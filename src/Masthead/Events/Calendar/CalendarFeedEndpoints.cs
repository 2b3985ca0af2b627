using System.Text;
using Masthead.Membership.PrivateFeeds;
using Masthead.Site;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Masthead.Events;

/// <summary>GET /calendar/{token}.ics: a member's events as an iCalendar feed (METHOD:PUBLISH), opened by the token
/// alone. The owner's tier is asked on every request, so the join link of a live Q&amp;A is written only while its
/// owner may see it; nothing is cached, and each token is rate-limited like a private content feed.</summary>
public static class CalendarFeedEndpoints
{
    public const string NotFoundMessage =
        "This calendar feed address does not work: it was rotated or revoked, or never existed. " +
        "Members find their current address on their account page.";

    /// <summary>How far back ended events stay in the feed.</summary>
    public static readonly TimeSpan Recent = TimeSpan.FromDays(30);

    public static WebApplication MapCalendarFeeds(this WebApplication app)
    {
        app.MapGet(CalendarFeeds.Route, ServeAsync)
            .RequireRateLimiting(PrivateFeedRateLimit.Name)
            .CacheOutput(p => p.NoCache());
        return app;
    }

    private static async Task<Results<FileContentHttpResult, ContentHttpResult>> ServeAsync(string token, CalendarFeeds feeds,
        EventInvitations invitations, IOptions<SiteOptions> site, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        if (await feeds.OwnerAsync(token, ct) is not { } userId)
        {
            return TypedResults.Text(NotFoundMessage, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var tier = await feeds.OwnerTierAsync(userId, ct);
        var entries = (await feeds.EntriesAsync(userId, now - Recent, ct))
            .Select(x => new CalendarEntry(x.Event, x.Registration, EventAccess.MaySeeJoinLink(x.Event, x.Registration, tier, now)))
            .ToList();
        var ics = invitations.Feed($"{site.Value.Name} events", entries);
        return TypedResults.Bytes(Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8");
    }
}
