using Masthead.Demo;
using Masthead.Events;
using Masthead.Tests.Content;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Events.Pages;

public sealed class DemoEventsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(Databases))]
    public async Task TheDemoHasAQaWithQuestionsAFullEventWithAWaitlistARequestAndARecording(Db db)
    {
        await using var app = await TestApp.StartAsync(db, new() { ["Demo:Enabled"] = "true" });
        var now = app.Time.GetUtcNow().UtcDateTime;
        var events = await app.WithDbAsync(d => d.Set<Event>().AsNoTracking().Include(e => e.Speakers).ToDictionaryAsync(e => e.Slug, Ct));
        var registrations = await app.WithDbAsync(d => d.Set<EventRegistration>().AsNoTracking().ToListAsync(Ct));
        var questions = await app.WithDbAsync(d => d.Set<EventQuestion>().AsNoTracking().ToListAsync(Ct));
        var votes = await app.WithDbAsync(d => d.Set<EventQuestionVote>().AsNoTracking().ToListAsync(Ct));

        var qa = events[DemoEvents.LiveQaSlug];
        Assert.Equal(EventKind.LiveQa, qa.Kind);
        Assert.InRange(qa.StartsAt - now, TimeSpan.FromDays(1.5), TimeSpan.FromDays(3));
        Assert.Contains(qa.Speakers, s => s.AuthorId is not null);
        Assert.Contains(qa.Speakers, s => s.AuthorId is null && s.Bio.Length > 0);
        var qaQuestions = questions.Where(q => q.EventId == qa.Id).ToList();
        Assert.Superset(new HashSet<QuestionStatus> { QuestionStatus.Approved, QuestionStatus.Pending, QuestionStatus.Rejected, QuestionStatus.Merged },
            qaQuestions.Select(q => q.Status).ToHashSet());
        Assert.Contains(qaQuestions, q => q.Status == QuestionStatus.Approved && q.Votes > 1);
        Assert.All(questions, q => Assert.Equal(q.Votes, votes.Count(v => v.QuestionId == q.Id)));

        var full = events[DemoEvents.FullEventSlug];
        Assert.Equal(EventKind.InPerson, full.Kind);
        Assert.Equal(full.Capacity, full.ConfirmedCount);
        Assert.Equal(full.ConfirmedCount, registrations.Count(r => r.EventId == full.Id && r.Status == RegistrationStatus.Confirmed));
        Assert.Contains(registrations, r => r.EventId == full.Id && r.Status == RegistrationStatus.Waitlisted);
        Assert.All(registrations.Where(r => r.EventId == full.Id && r.Status == RegistrationStatus.Confirmed), r => Assert.NotNull(r.TicketCode));

        var dinner = events[DemoEvents.DinnerSlug];
        Assert.Equal(EventAdmission.ByInvitation, dinner.Admission);
        Assert.Contains(registrations, r => r.EventId == dinner.Id && r.Status == RegistrationStatus.Requested && r.RequestNote.Length > 0);

        var past = events[DemoEvents.PastSlug];
        Assert.True(past.EndsAt < now);
        Assert.False(string.IsNullOrEmpty(past.RecordingUrl));
        Assert.All(events.Values, e => Assert.True(e.IsVisibleAt(now)));

        // Each shows on the listing and its page renders.
        var client = app.CreateBrowserClient();
        var listing = await client.GetOkAsync("/events");
        foreach (var slug in events.Keys)
        {
            Assert.Contains($"/events/{slug}\"", listing);
            await client.GetOkAsync($"/events/{slug}");
        }
        Assert.Contains("Waitlist open", listing);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task SeedingTheEventsAgainWritesNothingAndDevelopmentAddsTheDemoMembers(Db db)
    {
        await using var app = await TestApp.StartAsync(db, new() { ["Demo:Enabled"] = "true" });
        var before = await app.WithDbAsync(d => d.Set<EventRegistration>().CountAsync(Ct));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await ActivatorUtilities.CreateInstance<DemoEvents>(scope.ServiceProvider).SeedAsync(isDevelopment: true, Ct));
        }
        Assert.Equal(before, await app.WithDbAsync(d => d.Set<EventRegistration>().CountAsync(Ct)));
        Assert.Equal(5, await app.WithDbAsync(d => d.Set<Event>().CountAsync(Ct)));
        // Demo attendees cannot sign in: no password, locked.
        Assert.All(await app.WithDbAsync(d => d.Users.Where(u => u.Email!.EndsWith(DemoEvents.AttendeeDomain)).ToListAsync(Ct)), u =>
        {
            Assert.Null(u.PasswordHash);
            Assert.True(u.LockoutEnd > DateTimeOffset.UtcNow.AddYears(100));
        });
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task InDevelopmentTheProMemberIsRegisteredForTheQaAndTheTrialMemberWaitlisted(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedContentAsync(Ct);
            Assert.Equal(5, await ActivatorUtilities.CreateInstance<DemoEvents>(scope.ServiceProvider).SeedAsync(isDevelopment: true, Ct));
        }
        var held = await app.WithDbAsync(d => (
            from r in d.Set<EventRegistration>()
            join e in d.Set<Event>() on r.EventId equals e.Id
            join u in d.Users on r.UserId equals u.Id
            select new { e.Slug, u.Email, r.Status }).ToListAsync(Ct));
        Assert.Contains(held, h => h.Slug == DemoEvents.LiveQaSlug && h.Email == "pro@demo.masthead.local" && h.Status == RegistrationStatus.Confirmed);
        Assert.Contains(held, h => h.Slug == DemoEvents.FullEventSlug && h.Email == "trial@demo.masthead.local" && h.Status == RegistrationStatus.Waitlisted);
        Assert.DoesNotContain(held, h => h.Slug == DemoEvents.FullEventSlug && h.Email == "pro@demo.masthead.local");
    }
}
