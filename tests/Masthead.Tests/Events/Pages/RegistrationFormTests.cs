using System.Net;
using Masthead.Events;
using Masthead.Tests.Content;
using Masthead.Tests.Membership;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Events.Pages;

/// <summary>The event page's forms, through the real pages: each POST changes the member's registration and answers
/// with a redirect back to the page, which says what happened.</summary>
public sealed class RegistrationFormTests
{
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string slug, string handler, Dictionary<string, string>? fields = null) =>
        client.PostFormAsync($"/events/{slug}?handler={handler}", fields ?? [], formPage: $"/events/{slug}");

    [Theory, ClassData(typeof(Databases))]
    public async Task RegisterFillsTheLastPlaceTheNextJoinsTheWaitlistAndCancelPromotesThem(Db db)
    {
        await using var app = await PaywallSupport.StartAsync(db);
        var ev = await EventSeed.AddAsync(app, "one-seat", TimeSpan.FromDays(3), EventKind.InPerson, e => e.Capacity = 1);
        var first = await app.ClientAsync(Role.Pro);
        var second = await app.ClientAsync(Role.Trialing);
        var (firstEmail, secondEmail) = (PaywallSupport.EmailOf(Role.Pro), PaywallSupport.EmailOf(Role.Trialing));

        var registered = await PostAsync(first, "one-seat", "Register");
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal("/events/one-seat#registration", registered.Headers.Location?.OriginalString);
        Assert.Equal(RegistrationStatus.Confirmed, await EventSeed.StatusAsync(app, ev, firstEmail));
        var page = await first.GetOkAsync("/events/one-seat");
        Assert.Contains("role=\"status\"", page);
        Assert.Contains("You are registered.", page);
        Assert.Contains("Cancel my registration", page);

        Assert.Contains("Join the waitlist", await second.GetOkAsync("/events/one-seat"));
        await PostAsync(second, "one-seat", "Register");
        Assert.Equal(RegistrationStatus.Waitlisted, await EventSeed.StatusAsync(app, ev, secondEmail));
        Assert.Contains("You are on the waitlist.", await second.GetOkAsync("/events/one-seat"));

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(first, "one-seat", "Cancel")).StatusCode);
        Assert.Equal(RegistrationStatus.Canceled, await EventSeed.StatusAsync(app, ev, firstEmail));
        Assert.Equal(RegistrationStatus.Confirmed, await EventSeed.StatusAsync(app, ev, secondEmail));
        Assert.Contains("Your registration was canceled.", await first.GetOkAsync("/events/one-seat"));
        Assert.Equal(1, await app.WithDbAsync(d => d.Set<Event>().Where(e => e.Id == ev.Id).Select(e => e.ConfirmedCount).SingleAsync()));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AFreeReaderCannotRegisterForAProEventByPostingAnyway(Db db)
    {
        await using var app = await PaywallSupport.StartAsync(db);
        var ev = await EventSeed.AddAsync(app, "pro-only", TimeSpan.FromDays(3));
        var free = await app.ClientAsync(Role.Free);

        // The page offers a free reader no form, so the token comes from their account page, as a forged post's would.
        var response = await free.PostFormAsync("/events/pro-only?handler=Register", [], formPage: "/account");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(await EventSeed.StatusAsync(app, ev, PaywallSupport.EmailOf(Role.Free)));
        Assert.Contains("for PRO members", await free.GetOkAsync("/events/pro-only"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AnInvitationRequestKeepsItsNoteAndATooLongNoteChangesNothing(Db db)
    {
        await using var app = await PaywallSupport.StartAsync(db);
        var ev = await EventSeed.AddAsync(app, "dinner", TimeSpan.FromDays(5), EventKind.InPerson, e => (e.Admission, e.Capacity) = (EventAdmission.ByInvitation, 10));
        var pro = await app.ClientAsync(Role.Pro);
        var email = PaywallSupport.EmailOf(Role.Pro);

        var tooLong = await PostAsync(pro, "dinner", "Request", new() { ["RequestNote"] = new string('x', 1001) });
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Contains("Keep your note under 1000 characters.", await tooLong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Null(await EventSeed.StatusAsync(app, ev, email));

        await PostAsync(pro, "dinner", "Request", new() { ["RequestNote"] = "I cover Caspian shipping for a fund." });
        Assert.Equal(RegistrationStatus.Requested, await EventSeed.StatusAsync(app, ev, email));
        Assert.Equal("I cover Caspian shipping for a fund.", await app.WithDbAsync(d => d.Set<EventRegistration>().Select(r => r.RequestNote).SingleAsync()));
        var page = await pro.GetOkAsync("/events/dinner");
        Assert.Contains("You asked for an invitation.", page);

        await PostAsync(pro, "dinner", "Cancel");
        Assert.Equal(RegistrationStatus.Canceled, await EventSeed.StatusAsync(app, ev, email));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task APostWithoutTheAntiforgeryTokenIsRefusedAndChangesNothing(Db db)
    {
        await using var app = await PaywallSupport.StartAsync(db);
        var ev = await EventSeed.AddAsync(app, "guarded", TimeSpan.FromDays(3));
        var pro = await app.ClientAsync(Role.Pro);

        var response = await pro.PostFormWithoutTokenAsync("/events/guarded?handler=Register", []);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await EventSeed.StatusAsync(app, ev, PaywallSupport.EmailOf(Role.Pro)));
    }
}
