using System.Net;
using Masthead.Accounts;
using Masthead.Events;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Events.Admin;

/// <summary>At the door: a ticket checks in once; a reused ticket says when and by whom and changes nothing; a forged
/// code is a 404 that changes nothing; a canceled registration's ticket says so.</summary>
public sealed class CheckInTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(Databases))]
    public async Task ATicketChecksInOnceAndASecondScanSaysWhenAndByWhom(Db db)
    {
        await using var app = await EventAdminSupport.StartAsync(db);
        var ev = await app.SeedEventAsync();
        var (_, reg) = await app.RegistrantAsync(ev.Id, "lina@example.test", RegistrationStatus.Confirmed, "Lina Aziz", ticket: "tk-7f3a9c");
        var door = await app.SignedInClientAsync(Roles.Editor, "door@example.test");
        var url = "/admin/events/check-in/tk-7f3a9c";

        var page = await (await door.GetAsync(url, Ct)).TextAsync();
        Assert.Contains("Lina Aziz", page);
        Assert.Contains("Gulf energy breakfast", page);
        Assert.Contains("Check in Lina Aziz", page);
        Assert.Null((await app.LoadRegistrationAsync(reg.Id)).CheckedInAt); // opening the page changes nothing

        app.Time.SetUtcNow(new DateTimeOffset(EventAdminSupport.Utc(12, 10, 14, 4)));
        var first = await door.PostFormAsync(url, new());
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("Lina Aziz is checked in.", await first.TextAsync());
        var stored = await app.LoadRegistrationAsync(reg.Id);
        Assert.Equal((EventAdminSupport.Utc(12, 10, 14, 4), "door@example.test"), (stored.CheckedInAt, stored.CheckedInBy));

        app.Time.Advance(TimeSpan.FromMinutes(20));
        var other = await app.SignedInClientAsync(Roles.Admin, "admin@example.test");
        var second = await other.PostFormAsync(url, new());
        var text = await second.TextAsync();
        Assert.Contains("Already checked in at 18:04 by door@example.test.", text); // 14:04 UTC is 18:04 in Dubai
        Assert.DoesNotContain("Check in Lina Aziz", text);
        stored = await app.LoadRegistrationAsync(reg.Id);
        Assert.Equal((EventAdminSupport.Utc(12, 10, 14, 4), "door@example.test"), (stored.CheckedInAt, stored.CheckedInBy));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AForgedCodeIsNotValidAndACanceledRegistrationSaysSo(Db db)
    {
        await using var app = await EventAdminSupport.StartAsync(db);
        var ev = await app.SeedEventAsync();
        var (_, canceled) = await app.RegistrantAsync(ev.Id, "gone@example.test", RegistrationStatus.Canceled, "Sami Nasser", ticket: "tk-canceled");
        await app.RegistrantAsync(ev.Id, "lina@example.test", RegistrationStatus.Confirmed, "Lina Aziz", ticket: "tk-real");
        var door = await app.SignedInClientAsync(Roles.Editor);

        foreach (var code in new[] { "tk-forged", "TK-REAL", "tk-real-", new string('x', 200) })
        {
            var get = await door.GetAsync($"/admin/events/check-in/{code}", Ct);
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
            Assert.Contains("This ticket is not valid", await get.TextAsync());
        }
        var forged = await door.PostFormAsync("/admin/events/check-in/tk-forged", new(), "/admin/events/check-in/tk-canceled");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Contains("This ticket is not valid", await forged.TextAsync());

        var page = await (await door.GetAsync("/admin/events/check-in/tk-canceled", Ct)).TextAsync();
        Assert.Contains("This ticket's registration was canceled: Sami Nasser no longer holds a place.", page);
        Assert.DoesNotContain("Check in Sami Nasser", page);
        var post = await door.PostFormAsync("/admin/events/check-in/tk-canceled", new());
        Assert.Contains("This ticket's registration was canceled", await post.TextAsync());
        Assert.Null((await app.LoadRegistrationAsync(canceled.Id)).CheckedInAt);
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<EventRegistration>().CountAsync(r => r.CheckedInAt != null, Ct)));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheDoorListSearchesByNameOrEmailAndCountsWhoIsIn(Db db)
    {
        await using var app = await EventAdminSupport.StartAsync(db);
        var ev = await app.SeedEventAsync();
        var (_, lina) = await app.RegistrantAsync(ev.Id, "lina@example.test", RegistrationStatus.Confirmed, "Lina Aziz", ticket: "tk-1");
        await app.RegistrantAsync(ev.Id, "omar@press.example", RegistrationStatus.Confirmed, "Omar Saleh", ticket: "tk-2");
        await app.RegistrantAsync(ev.Id, "waiting@example.test", RegistrationStatus.Waitlisted, "Lina Waiting");
        var other = await app.SeedEventAsync(e => { e.Slug = "other"; });
        var (_, stranger) = await app.RegistrantAsync(other.Id, "stranger@example.test", RegistrationStatus.Confirmed, "Lina Stranger", ticket: "tk-3");
        var door = await app.SignedInClientAsync(Roles.Editor, "door@example.test");
        var url = $"/admin/events/{ev.Id}/check-in";

        var list = await (await door.GetAsync(url + "?q=LINA", Ct)).TextAsync();
        Assert.Contains("0 of 2 checked in", list);
        Assert.Contains("Lina Aziz", list);
        Assert.DoesNotContain("Omar Saleh", list);
        Assert.DoesNotContain("Lina Waiting", list); // only confirmed places are at the door
        Assert.DoesNotContain("Lina Stranger", list);
        Assert.Contains("Omar Saleh", await (await door.GetAsync(url + "?q=press.example", Ct)).TextAsync());

        var checkedIn = await door.PostFormAsync(url, new() { ["registrationId"] = lina.Id.ToString(), ["q"] = "lina" }, url);
        var text = await checkedIn.TextAsync();
        Assert.Contains("Lina Aziz is checked in.", text);
        Assert.Contains("1 of 2 checked in", text);
        var again = await (await door.PostFormAsync(url, new() { ["registrationId"] = lina.Id.ToString() }, url)).TextAsync();
        Assert.Contains("Already checked in at", again);
        Assert.Contains("1 of 2 checked in", again);

        // Another event's registration cannot be checked in from this event's list.
        var wrong = await (await door.PostFormAsync(url, new() { ["registrationId"] = stranger.Id.ToString() }, url)).TextAsync();
        Assert.Contains("This ticket is not valid", wrong);
        Assert.Null((await app.LoadRegistrationAsync(stranger.Id)).CheckedInAt);
    }
}
