using System.Net;
using Masthead.Accounts;
using Masthead.Events;
using Masthead.Tests.Events.Core;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Events.Admin;

/// <summary>The admin pages driving the events core: approve and decline requests, move an event (everyone confirmed
/// gets a REQUEST with a higher SEQUENCE), cancel it (a CANCEL), raise the capacity (the waitlist moves up).</summary>
public sealed class CoreFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(Databases))]
    public async Task StaffApproveAndDeclineRequestsFromTheRegistrationsPage(Db db)
    {
        await using var app = await EventAdminSupport.StartAsync(db);
        var ev = await app.SeedEventAsync(e => { e.Admission = EventAdmission.ByInvitation; e.Capacity = 1; });
        var vip = await app.MemberAsync("vip");
        var second = await app.MemberAsync("second");
        var third = await app.MemberAsync("third");
        foreach (var u in new[] { vip, second, third }) Assert.Equal(RegisterOutcome.Requested, (await app.RegisterAsync(ev, u, note: "I chair the council.")).Outcome);
        var editor = await app.SignedInClientAsync(Roles.Editor, "desk@example.test");
        var url = $"/admin/events/{ev.Id}/registrations";
        var ids = await app.WithDbAsync(d => d.Set<EventRegistration>().Where(r => r.EventId == ev.Id).ToDictionaryAsync(r => r.UserId, r => r.Id, Ct));

        var approve = await editor.PostFormAsync(url + "?handler=Approve", new() { ["registrationId"] = ids[vip.Id].ToString() }, url);
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        var approved = await app.RegistrationAsync(ev.Id, vip.Id);
        Assert.Equal((RegistrationStatus.Confirmed, "desk@example.test"), (approved.Status, approved.DecidedBy));
        Assert.NotNull(approved.TicketCode);
        // Mails delivered in one pass have no reliable order: pick the one that carries the invitation.
        var mail = Assert.Single(await app.MailToAsync(vip), m => EventsCoreSupport.Invitation(m) is not null);
        Assert.Equal("REQUEST", EventsCoreSupport.RequireInvitation(mail).Method);

        // The one place is taken: the next approval changes nothing and says why.
        var full = await editor.PostFormAsync(url + "?handler=Approve", new() { ["registrationId"] = ids[second.Id].ToString() }, url);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Contains("All 1 places are taken, so the request was not approved.", await full.TextAsync());
        Assert.Equal(RegistrationStatus.Requested, (await app.RegistrationAsync(ev.Id, second.Id)).Status);

        var decline = await editor.PostFormAsync(url + "?handler=Decline", new() { ["registrationId"] = ids[third.Id].ToString() }, url);
        Assert.Contains("notice=declined", decline.Headers.Location!.OriginalString);
        Assert.Equal(RegistrationStatus.Declined, (await app.RegistrationAsync(ev.Id, third.Id)).Status);
        Assert.Contains(await app.MailToAsync(third), m => m.Subject.Contains(ev.Title, StringComparison.Ordinal));
        var again = await editor.PostFormAsync(url + "?handler=Decline", new() { ["registrationId"] = ids[third.Id].ToString() }, url);
        Assert.Contains("This request was already decided: nothing changed.", await again.TextAsync());

        // Another event's registration id is not this page's to decide.
        var other = await app.SeedEventAsync(e => { e.Slug = "other"; e.Admission = EventAdmission.ByInvitation; });
        var foreign = await editor.PostFormAsync($"/admin/events/{other.Id}/registrations?handler=Approve",
            new() { ["registrationId"] = ids[second.Id].ToString() }, url);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(RegistrationStatus.Requested, (await app.RegistrationAsync(ev.Id, second.Id)).Status);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task MovingAPublishedEventSendsEveryoneConfirmedAnUpdateWithAHigherSequence(Db db)
    {
        await using var app = await EventAdminSupport.StartAsync(db);
        var ev = await app.SeedEventAsync();
        var lina = await app.MemberAsync("lina");
        var omar = await app.MemberAsync("omar");
        foreach (var u in new[] { lina, omar }) Assert.Equal(RegisterOutcome.Confirmed, (await app.RegisterAsync(ev, u)).Outcome);
        var firstSequence = int.Parse(EventAdminSupport.IcsEventLine(EventsCoreSupport.RequireInvitation((await app.MailToAsync(lina)).First()).Ics, "SEQUENCE")["SEQUENCE:".Length..]);
        var editor = await app.SignedInClientAsync(Roles.Editor);
        var stored = await app.LoadEventAsync(ev.Id);

        // A change nobody needs to hear of (the summary) sends nothing.
        var summaryOnly = EventAdminSupport.Form(ev.Title, stored.UpdatedAt.Ticks).With(("Input.Slug", ev.Slug), ("Input.Summary", "New summary."));
        Assert.Contains("notice=saved", (await editor.PostFormAsync($"/admin/events/{ev.Id}", summaryOnly)).Headers.Location!.OriginalString);
        Assert.Single(await app.MailToAsync(lina));

        stored = await app.LoadEventAsync(ev.Id);
        var moved = EventAdminSupport.Form(ev.Title, stored.UpdatedAt.Ticks).With(("Input.Slug", ev.Slug),
            ("Input.StartsAt", "2026-12-11T19:00"), ("Input.EndsAt", "2026-12-11T21:00"), ("Input.VenueName", "Emirates Palace"));
        var response = await editor.PostFormAsync($"/admin/events/{ev.Id}", moved);
        Assert.Contains("notice=notified", response.Headers.Location!.OriginalString);

        foreach (var member in new[] { lina, omar })
        {
            var update = Assert.Single(await app.MailToAsync(member), m => m.Subject.StartsWith("Updated: ", StringComparison.Ordinal));
            Assert.Contains("Emirates Palace", update.TextBody);
            var (method, ics) = EventsCoreSupport.RequireInvitation(update);
            Assert.Equal("REQUEST", method);
            Assert.Equal("METHOD:REQUEST", EventAdminSupport.IcsLines(ics).First(l => l.StartsWith("METHOD:", StringComparison.Ordinal)));
            Assert.True(int.Parse(EventAdminSupport.IcsEventLine(ics, "SEQUENCE")["SEQUENCE:".Length..]) > firstSequence, "the SEQUENCE rose");
            var start = EventAdminSupport.IcsEventLine(ics, "DTSTART");
            Assert.True(start is "DTSTART;TZID=Asia/Dubai:20261211T190000" or "DTSTART:20261211T150000Z", start);
            Assert.Contains("Emirates Palace", EventAdminSupport.IcsEventLine(ics, "LOCATION"));
        }
        Assert.True((await app.LoadEventAsync(ev.Id)).Sequence > stored.Sequence);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task CancelingAnEventNeedsAReasonAndSendsEveryoneACancel(Db db)
    {
        await using var app = await EventAdminSupport.StartAsync(db);
        var ev = await app.SeedEventAsync(e => e.Capacity = 1);
        var lina = await app.MemberAsync("lina");
        var waiting = await app.MemberAsync("waiting");
        Assert.Equal(RegisterOutcome.Confirmed, (await app.RegisterAsync(ev, lina)).Outcome);
        Assert.Equal(RegisterOutcome.Waitlisted, (await app.RegisterAsync(ev, waiting)).Outcome);
        var editor = await app.SignedInClientAsync(Roles.Editor);
        var url = $"/admin/events/{ev.Id}/cancel";

        var page = await (await editor.GetAsync(url, Ct)).TextAsync();
        Assert.Contains("2 people (confirmed, waitlisted and requests) will get an email", page);
        var empty = await editor.PostFormAsync(url, new() { ["Reason"] = " " });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Say why the event is canceled", await empty.TextAsync());
        Assert.Equal(EventStatus.Scheduled, (await app.LoadEventAsync(ev.Id)).Status);

        var canceled = await editor.PostFormAsync(url, new() { ["Reason"] = "The minister cannot travel." });
        Assert.Contains("notice=canceled", canceled.Headers.Location!.OriginalString);
        var stored = await app.LoadEventAsync(ev.Id);
        Assert.Equal((EventStatus.Canceled, "The minister cannot travel."), (stored.Status, stored.CancelReason));
        foreach (var member in new[] { lina, waiting })
        {
            // Delivered in one pass with the registration mail, so pick it by subject, not by order.
            var mail = Assert.Single(await app.MailToAsync(member), m => m.Subject.StartsWith("Canceled: ", StringComparison.Ordinal));
            Assert.Contains("The minister cannot travel.", mail.TextBody);
            var (method, ics) = EventsCoreSupport.RequireInvitation(mail);
            Assert.Equal("CANCEL", method);
            Assert.Equal("METHOD:CANCEL", EventAdminSupport.IcsLines(ics).First(l => l.StartsWith("METHOD:", StringComparison.Ordinal)));
        }

        // A canceled event can no longer be edited, and the list shows it under Canceled.
        var edit = await editor.PostFormAsync($"/admin/events/{ev.Id}", EventAdminSupport.Form("Renamed", stored.UpdatedAt.Ticks).With(("Input.Slug", ev.Slug)));
        Assert.Contains("This event was canceled: it can no longer be changed.", await edit.TextAsync());
        Assert.Equal(ev.Title, (await app.LoadEventAsync(ev.Id)).Title);
        var list = await (await editor.GetAsync("/admin/events", Ct)).TextAsync();
        Assert.Contains("Canceled (1)", list);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task RaisingTheCapacityMovesTheWaitlistUp(Db db)
    {
        await using var app = await EventAdminSupport.StartAsync(db);
        var ev = await app.SeedEventAsync(e => e.Capacity = 1);
        var first = await app.MemberAsync("first");
        var waiting = await app.MemberAsync("waiting");
        await app.RegisterAsync(ev, first);
        Assert.Equal(RegisterOutcome.Waitlisted, (await app.RegisterAsync(ev, waiting)).Outcome);
        var editor = await app.SignedInClientAsync(Roles.Editor);
        var stored = await app.LoadEventAsync(ev.Id);

        var list = await (await editor.GetAsync("/admin/events", Ct)).TextAsync();
        Assert.Contains("1 / 1", list);
        var raised = EventAdminSupport.Form(ev.Title, stored.UpdatedAt.Ticks).With(("Input.Slug", ev.Slug), ("Input.Capacity", "2"));
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync($"/admin/events/{ev.Id}", raised)).StatusCode);
        Assert.Equal(RegistrationStatus.Confirmed, (await app.RegistrationAsync(ev.Id, waiting.Id)).Status);
        Assert.Equal((2, (int?)2), ((await app.LoadEventAsync(ev.Id)).ConfirmedCount, (await app.LoadEventAsync(ev.Id)).Capacity));
    }
}
