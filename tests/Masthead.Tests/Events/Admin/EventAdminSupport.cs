using System.Net;
using Masthead.Accounts;
using Masthead.Content;
using Masthead.Events;
using Masthead.Tests.Billing;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Events.Admin;

/// <summary>Events and registrations written straight into the database, and the event form as the page posts it.</summary>
internal static class EventAdminSupport
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The test clock starts at 2026-11-20 09:00 UTC; events are in December unless a test says otherwise.</summary>
    public static DateTime Utc(int month, int day, int hour, int minute = 0, int year = 2026) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    /// <summary>An app with delivery, reminders and the periodic workers off: a test delivers mail itself.</summary>
    public static Task<TestApp> StartAsync(Db db) =>
        BillingTestSupport.StartBillingAppAsync(db, new() { ["Events:Reminders:Enabled"] = "false" });

    /// <summary>The content lines of an iCalendar text, unfolded (RFC 5545 3.1), read without Ical.Net.</summary>
    public static IReadOnlyList<string> IcsLines(string ics) =>
        ics.Replace("\r\n ", "").Replace("\r\n\t", "").Replace("\n ", "").Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();

    /// <summary>The value of the first property of that name inside the VEVENT (parameters included before the colon).</summary>
    public static string IcsEventLine(string ics, string name) =>
        IcsLines(ics).SkipWhile(l => l != "BEGIN:VEVENT").First(l => l.StartsWith(name + ":", StringComparison.Ordinal) || l.StartsWith(name + ";", StringComparison.Ordinal));

    public static async Task<Event> SeedEventAsync(this TestApp app, Action<Event>? configure = null)
    {
        var now = app.Time.GetUtcNow().UtcDateTime;
        var ev = new Event
        {
            Slug = "gulf-energy-breakfast", Title = "Gulf energy breakfast", Kind = EventKind.InPerson, Admission = EventAdmission.Open,
            TimeZoneId = "Asia/Dubai", StartsAt = Utc(12, 10, 14), EndsAt = Utc(12, 10, 16), Capacity = 40,
            VenueName = "Emirates Towers", VenueAddress = "Sheikh Zayed Road, Dubai", Access = AccessLevel.Pro,
            PublishedAt = now, CreatedAt = now, UpdatedAt = now,
        };
        configure?.Invoke(ev);
        await app.WithDbAsync(async db =>
        {
            db.Set<Event>().Add(ev);
            await db.SaveChangesAsync(Ct);
        });
        return ev;
    }

    /// <summary>A member with a registration in the given status; a confirmed one holds a place (ConfirmedCount) and,
    /// given one, a ticket code.</summary>
    public static async Task<(User User, EventRegistration Registration)> RegistrantAsync(this TestApp app, int eventId, string email,
        RegistrationStatus status, string? name = null, string? ticket = null, string note = "", DateTime? queuedAt = null)
    {
        var user = await app.CreateUserAsync(email);
        var now = app.Time.GetUtcNow().UtcDateTime;
        var registration = new EventRegistration
        {
            EventId = eventId, UserId = user.Id, Status = status, CreatedAt = queuedAt ?? now, QueuedAt = queuedAt ?? now,
            ConfirmedAt = status == RegistrationStatus.Confirmed ? now : null,
            CanceledAt = status == RegistrationStatus.Canceled ? now : null, RequestNote = note, TicketCode = ticket,
        };
        await app.WithDbAsync(async db =>
        {
            if (name is not null) await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, name), Ct);
            db.Set<EventRegistration>().Add(registration);
            await db.SaveChangesAsync(Ct);
            if (status == RegistrationStatus.Confirmed)
                await db.Set<Event>().Where(e => e.Id == eventId).ExecuteUpdateAsync(u => u.SetProperty(e => e.ConfirmedCount, e => e.ConfirmedCount + 1), Ct);
        });
        return (user, registration);
    }

    public static Task<Event> LoadEventAsync(this TestApp app, int id) =>
        app.WithDbAsync(db => db.Set<Event>().AsNoTracking().Include(e => e.Speakers).SingleAsync(e => e.Id == id, Ct));

    public static Task<EventRegistration> LoadRegistrationAsync(this TestApp app, long id) =>
        app.WithDbAsync(db => db.Set<EventRegistration>().AsNoTracking().SingleAsync(r => r.Id == id, Ct));

    /// <summary>A complete, valid form for an in-person event in Dubai on 10 December, 18:00–20:00 local.</summary>
    public static Dictionary<string, string> Form(string title = "Gulf energy breakfast", long stamp = 0, string command = "save") => new()
    {
        ["Input.Kind"] = "InPerson",
        ["Input.Admission"] = "Open",
        ["Input.Access"] = "Pro",
        ["Input.Title"] = title,
        ["Input.Slug"] = "",
        ["Input.Summary"] = "Breakfast with the region's energy ministers.",
        ["Input.Description"] = "Doors open at **7:30**.",
        ["Input.TimeZoneId"] = "Asia/Dubai",
        ["Input.StartsAt"] = "2026-12-10T18:00",
        ["Input.EndsAt"] = "2026-12-10T20:00",
        ["Input.Capacity"] = "40",
        ["Input.VenueName"] = "Emirates Towers",
        ["Input.VenueAddress"] = "Sheikh Zayed Road, Dubai",
        ["Input.VideoUrl"] = "",
        ["Input.RecordingUrl"] = "",
        ["Input.Stamp"] = stamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Command"] = command,
    };

    public static Dictionary<string, string> With(this Dictionary<string, string> form, params (string Key, string Value)[] changes)
    {
        var copy = new Dictionary<string, string>(form);
        foreach (var (key, value) in changes) copy[key] = value;
        return copy;
    }

    /// <summary>The page's text as a reader sees it (entities decoded).</summary>
    public static async Task<string> TextAsync(this HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));

    /// <summary>The id in a redirect to /admin/events/{id}?notice=….</summary>
    public static int RedirectedEventId(this HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var path = response.Headers.Location!.OriginalString.Split('?')[0];
        return int.Parse(path["/admin/events/".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
