using Masthead.Accounts;
using Masthead.Content;
using Masthead.Events;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MimeKit;

namespace Masthead.BrowserTests;

/// <summary>Issue 13 point 4 in Chromium: a PRO member finds an in-person event full and joins the waitlist, the member
/// holding the last place cancels, and the first is moved up by itself and finds the calendar invitation in the mailbox.</summary>
public sealed class EventJourneyTests(SharedBrowser shared) : IClassFixture<SharedBrowser>
{
    private const string Slug = "energy-roundtable-dubai";

    private static async Task<Event> FullInPersonEventAsync(TestApp app)
    {
        var now = app.Time.GetUtcNow().UtcDateTime;
        var ev = new Event
        {
            Slug = Slug, Title = "Energy roundtable in Dubai", Summary = "An evening with our energy desk and two guests.",
            DescriptionMarkdown = "A closed-door evening on Gulf gas contracts.", DescriptionHtml = "<p>A closed-door evening on Gulf gas contracts.</p>", Kind = EventKind.InPerson, Admission = EventAdmission.Open,
            TimeZoneId = "Asia/Dubai", StartsAt = now.AddDays(10), EndsAt = now.AddDays(10).AddHours(2), Capacity = 1,
            VenueName = "The Ledger Room", VenueAddress = "12 Harbour Street, Dubai", Access = AccessLevel.Pro,
            PublishedAt = now.AddDays(-1), CreatedAt = now, UpdatedAt = now,
        };
        await app.WithDbAsync(async db => { db.Add(ev); await db.SaveChangesAsync(); });
        return ev;
    }

    [Fact]
    public async Task AMemberOnTheWaitlistIsMovedUpWhenTheLastPlaceIsFreedAndGetsTheInvitation()
    {
        var browser = await shared.GetAsync();
        await using var app = await TestApp.StartOnKestrelAsync();
        await FullInPersonEventAsync(app);
        await Journeys.ProMemberAsync(app, "holder@example.test");
        await Journeys.ProMemberAsync(app, "hopeful@example.test");
        var path = "/events/" + Slug;

        var holder = await browser.SignedInPageAsync(app.RootUri, "holder@example.test", path);
        await holder.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
        await Assertions.Expect(holder.Locator(".event-status")).ToContainTextAsync("You are registered.");

        var hopeful = await browser.SignedInPageAsync(app.RootUri, "hopeful@example.test", path);
        await hopeful.GetByRole(AriaRole.Button, new() { Name = "Join the waitlist" }).ClickAsync();
        await Assertions.Expect(hopeful.Locator(".event-status")).ToContainTextAsync("You are on the waitlist.");
        await BrowserSession.ScreenshotAsync(hopeful, "event-1-waitlisted");

        await holder.GetByRole(AriaRole.Button, new() { Name = "Cancel my registration" }).ClickAsync();
        // The freed place went to the waitlist at once, so the event is full again for the one who left.
        await Assertions.Expect(holder.GetByRole(AriaRole.Button, new() { Name = "Join the waitlist" })).ToBeVisibleAsync();

        // Moved up by itself: the invitation arrives with the calendar request, and the page says so.
        var invitation = await Mailbox.WaitForAsync(app.MailDirectory, "hopeful@example.test",
            m => m.BodyParts.OfType<TextPart>().Any(p => p.ContentType.MimeType == "text/calendar"));
        var calendar = invitation.BodyParts.OfType<TextPart>().First(p => p.ContentType.MimeType == "text/calendar");
        Assert.Equal("REQUEST", calendar.ContentType.Parameters["method"]);
        Assert.Contains("SUMMARY:Energy roundtable in Dubai", calendar.Text.Replace("\r\n ", ""), StringComparison.Ordinal);
        Assert.Contains("The Ledger Room", calendar.Text.Replace("\r\n ", ""), StringComparison.Ordinal);
        await hopeful.ReloadAsync();
        await Assertions.Expect(hopeful.Locator(".event-status")).ToContainTextAsync("You are registered.");
        await BrowserSession.ScreenshotAsync(hopeful, "event-2-promoted");

        var registrations = await app.WithDbAsync(db => db.Set<EventRegistration>().AsNoTracking().ToListAsync());
        Assert.Equal(1, registrations.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(1, registrations.Count(r => r.Status == RegistrationStatus.Canceled));

        // The invitation as its recipient reads it, cid: images resolved from the message's own parts as a mail client does.
        var html = await Journeys.HtmlWithInlineImagesAsync(invitation);
        var mail = await browser.NewPageAsync(app.RootUri, 700);
        await mail.SetContentAsync(html);
        await Assertions.Expect(mail.Locator("body")).ToContainTextAsync("Energy roundtable in Dubai");
        // The ticket's QR code is an inline image the message carries, and it draws.
        Assert.True(await mail.Locator("img[alt^='Ticket QR code']").EvaluateAsync<bool>("i => i.complete && i.naturalWidth > 100"), "the ticket QR does not draw");
        await BrowserSession.ScreenshotAsync(mail, "event-3-invitation-email");
        await mail.Context.CloseAsync();
    }

    [Fact]
    public async Task AMemberAsksInALiveQaStaffSeeItArriveAndApproveItAndItShowsAsTextOnTheEventPage()
    {
        var browser = await shared.GetAsync();
        await using var app = await TestApp.StartOnKestrelAsync();
        var now = app.Time.GetUtcNow().UtcDateTime;
        var ev = new Event
        {
            Slug = "gulf-power-live-qa", Title = "Live Q&A: Gulf power", Summary = "Our energy desk answers members.",
            Kind = EventKind.LiveQa, Admission = EventAdmission.Open, TimeZoneId = "Asia/Dubai",
            StartsAt = now.AddDays(2), EndsAt = now.AddDays(2).AddHours(1), VideoUrl = "https://video.example.test/room/gulf-power",
            Access = AccessLevel.Pro, PublishedAt = now.AddDays(-1), CreatedAt = now, UpdatedAt = now,
        };
        await app.WithDbAsync(async db => { db.Add(ev); await db.SaveChangesAsync(); });
        await Journeys.ProMemberAsync(app, "asker@example.test");
        await app.CreateUserAsync("moderator@example.test", Roles.Editor);
        var path = "/events/" + ev.Slug;
        var moderationPath = $"/admin/events/{ev.Id}/questions";

        // Staff keep the moderation page open; it fetches the list again by itself.
        var staff = await browser.SignedInPageAsync(app.RootUri, "moderator@example.test", moderationPath);
        await Assertions.Expect(staff.GetByRole(AriaRole.Link, new() { Name = "Refresh" })).ToBeVisibleAsync();

        var member = await browser.SignedInPageAsync(app.RootUri, "asker@example.test", path);
        var dialogs = 0;
        member.Dialog += (_, d) => { dialogs++; _ = d.DismissAsync(); };
        await member.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
        await Assertions.Expect(member.Locator(".event-status")).ToContainTextAsync("You are registered.");
        const string question = "Will the new solar tenders cut gas burn by 2030? <script>alert(1)</script>";
        await member.GetByLabel("Your question").FillAsync(question);
        await member.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true }).ClickAsync();
        var questions = member.Locator("#questions");
        await Assertions.Expect(questions).ToContainTextAsync("Waiting for moderation");
        await Assertions.Expect(member.GetByRole(AriaRole.Status)).ToContainTextAsync("shown as plain text, exactly as you typed it");
        await BrowserSession.ScreenshotAsync(member, "qa-1-asked");

        // Without a reload, the question appears on the staff page within a refresh or two.
        var row = staff.Locator("li[id^='q-']", new() { HasText = "Will the new solar tenders" });
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await BrowserSession.ScreenshotAsync(staff, "qa-2-moderation");
        await row.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await staff.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        Assert.Equal(Masthead.Events.QuestionStatus.Approved,
            await app.WithDbAsync(db => db.Set<EventQuestion>().Select(q => q.Status).SingleAsync()));

        await member.ReloadAsync();
        var approved = questions.Locator("li.question", new() { HasText = "Will the new solar tenders" });
        await Assertions.Expect(approved).ToBeVisibleAsync();
        // Shown as the member typed it, as text: the markup is visible and nothing ran.
        Assert.Contains("<script>alert(1)</script>", await approved.InnerTextAsync());
        Assert.Equal(0, await member.Locator("#questions script").CountAsync());
        Assert.Equal(0, dialogs);
        await Assertions.Expect(questions).Not.ToContainTextAsync("Waiting for moderation");
        await BrowserSession.ScreenshotAsync(member, "qa-3-approved");
    }
}
