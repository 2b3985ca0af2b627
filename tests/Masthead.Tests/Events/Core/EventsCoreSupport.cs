using Masthead.Accounts;
using Masthead.Content;
using Masthead.Events;
using Masthead.Membership;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Masthead.Tests.Events.Core;

/// <summary>Events made straight in the database (the admin pages are another branch's), the core services each in
/// their own scope as a request would have them, and the invitations read back out of the sent mail.</summary>
internal static class EventsCoreSupport
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Delivery runs only when a test delivers; the reminder worker never runs by itself.</summary>
    public static Task<TestApp> StartAsync(Db db, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Briefings:Subscribing:SeedDefaultLists"] = "false",
            ["Delivery:Enabled"] = "false",
            ["Events:Reminders:Enabled"] = "false",
            ["Mail:FromAddress"] = "events@ledger.test",
            ["Mail:FromName"] = "The Ledger Events",
        };
        foreach (var (k, v) in settings ?? []) all[k] = v;
        return TestApp.StartAsync(db, all);
    }

    public static async Task<Event> CreateEventAsync(this TestApp app, Action<Event>? configure = null)
    {
        var now = app.Time.GetUtcNow().UtcDateTime;
        var ev = new Event
        {
            Slug = $"event-{Guid.NewGuid():n}"[..20],
            Title = "Gulf energy outlook: live Q&A",
            Summary = "Our energy desk answers members' questions.",
            Kind = EventKind.LiveQa,
            Admission = EventAdmission.Open,
            TimeZoneId = "Europe/Berlin",
            StartsAt = new DateTime(2026, 12, 8, 15, 0, 0, DateTimeKind.Utc),
            EndsAt = new DateTime(2026, 12, 8, 16, 0, 0, DateTimeKind.Utc),
            VideoUrl = "https://video.example.test/room/gulf-energy",
            Access = AccessLevel.Pro,
            PublishedAt = now.AddDays(-1),
            CreatedAt = now,
            UpdatedAt = now,
        };
        configure?.Invoke(ev);
        await app.WithDbAsync(async d => { d.Add(ev); await d.SaveChangesAsync(Ct); });
        return ev;
    }

    public static Task<Event> ReloadAsync(this TestApp app, int eventId) =>
        app.WithDbAsync(d => d.Set<Event>().AsNoTracking().SingleAsync(e => e.Id == eventId, Ct));

    public static Task<EventRegistration> RegistrationAsync(this TestApp app, int eventId, string userId) =>
        app.WithDbAsync(d => d.Set<EventRegistration>().AsNoTracking().SingleAsync(r => r.EventId == eventId && r.UserId == userId, Ct));

    public static async Task<User> MemberAsync(this TestApp app, string name) =>
        await app.CreateUserAsync($"{name}-{Guid.NewGuid():n}"[..(name.Length + 9)] + "@example.test");

    public static async Task<T> WithAsync<T, TService>(this TestApp app, Func<TService, Task<T>> work) where TService : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public static Task<RegisterResult> RegisterAsync(this TestApp app, Event ev, User user, ReaderTier tier = ReaderTier.Pro, string? note = null) =>
        app.WithAsync<RegisterResult, EventRegistrations>(r => r.RegisterAsync(ev.Id, user.Id, tier, note, Ct));

    public static Task<bool> CancelRegistrationAsync(this TestApp app, Event ev, User user) =>
        app.WithAsync<bool, EventRegistrations>(r => r.CancelAsync(ev.Id, user.Id, Ct));

    /// <summary>Delivers the outbox and returns the messages to the user, newest first.</summary>
    public static async Task<IReadOnlyList<MimeMessage>> MailToAsync(this TestApp app, User user)
    {
        await app.DeliverQueuedAsync();
        return Mailbox.To(app.MailDirectory, user.Email!);
    }

    /// <summary>The text/calendar alternative of a message (the iMIP part), with its method parameter.</summary>
    public static (string Method, string Ics)? Invitation(MimeMessage m)
    {
        var part = m.BodyParts.OfType<TextPart>().FirstOrDefault(p => p.ContentType.IsMimeType("text", "calendar"));
        return part is null ? null : (part.ContentType.Parameters["method"], part.Text);
    }

    public static (string Method, string Ics) RequireInvitation(MimeMessage m) =>
        Invitation(m) ?? throw new Xunit.Sdk.XunitException($"\"{m.Subject}\" carries no text/calendar part");
}
