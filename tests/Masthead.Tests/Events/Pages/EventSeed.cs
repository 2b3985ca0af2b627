using Masthead.Content;
using Masthead.Events;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Events.Pages;

/// <summary>Events written straight into a test's database, each test making its own.</summary>
internal static class EventSeed
{
    public const string VideoUrl = "https://video.example.test/room/secret-room-4471";
    public const string RecordingUrl = "https://video.example.test/recordings/rec-9923";

    /// <summary>An event starting <paramref name="startsIn"/> from the test clock's now, an hour long, published a day ago.</summary>
    public static async Task<Event> AddAsync(TestApp app, string slug, TimeSpan startsIn, EventKind kind = EventKind.LiveQa,
        Action<Event>? change = null)
    {
        var now = app.Time.GetUtcNow().UtcDateTime;
        var ev = new Event
        {
            Slug = slug, Title = $"Event {slug}", Summary = $"Summary of {slug}.", Kind = kind, TimeZoneId = "Asia/Dubai",
            StartsAt = now + startsIn, EndsAt = now + startsIn + TimeSpan.FromHours(1),
            DescriptionMarkdown = "About it.", DescriptionHtml = "<p>About it.</p>",
            VideoUrl = kind == EventKind.LiveQa ? VideoUrl : null,
            VenueName = kind == EventKind.InPerson ? "The Ledger Room" : null,
            VenueAddress = kind == EventKind.InPerson ? "14 Luweibdeh Street, Amman, Jordan" : null,
            Access = AccessLevel.Pro, PublishedAt = now.AddDays(-1), CreatedAt = now.AddDays(-2), UpdatedAt = now.AddDays(-1),
        };
        change?.Invoke(ev);
        await app.WithDbAsync(async db =>
        {
            db.Set<Event>().Add(ev);
            await db.SaveChangesAsync();
        });
        return ev;
    }

    /// <summary>A confirmed place for the account with this email, as if it had registered.</summary>
    public static Task ConfirmAsync(TestApp app, Event ev, string email) => app.WithDbAsync(async db =>
    {
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var now = app.Time.GetUtcNow().UtcDateTime;
        db.Set<EventRegistration>().Add(new EventRegistration
        {
            EventId = ev.Id, UserId = userId, Status = RegistrationStatus.Confirmed, CreatedAt = now, QueuedAt = now, ConfirmedAt = now,
        });
        await db.SaveChangesAsync();
        await db.Set<Event>().Where(e => e.Id == ev.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.ConfirmedCount, e => e.ConfirmedCount + 1));
    });

    public static Task<RegistrationStatus?> StatusAsync(TestApp app, Event ev, string email) => app.WithDbAsync(async db =>
    {
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await db.Set<EventRegistration>().Where(r => r.EventId == ev.Id && r.UserId == userId)
            .Select(r => (RegistrationStatus?)r.Status).SingleOrDefaultAsync();
    });
}
