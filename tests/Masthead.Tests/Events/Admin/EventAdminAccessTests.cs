using System.Net;
using Masthead.Accounts;
using Masthead.Events;
using Masthead.Tests.Billing;
using Masthead.Tests.Support;

namespace Masthead.Tests.Events.Admin;

/// <summary>Events are editorial work: every page under /admin/events, registrants and check-in included, is for
/// editors and admins; readers and PRO members are turned away and change nothing.</summary>
public sealed class EventAdminAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static readonly string[] Rows =
    [
        "admin/events", "admin/events/{id}", "admin/events/{id:int}/cancel", "admin/events/{id:int}/registrations",
        "admin/events/{id:int}/message", "admin/events/{id:int}/check-in", "admin/events/check-in/{code}",
    ];

    [Fact]
    public void EveryEventsAdminRouteIsForStaff()
    {
        foreach (var row in Rows) Assert.Equal(Access.Staff, RouteAccess.For(row));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task EditorsAndAdminsOpenEveryPageWhileReadersAndProMembersAreTurnedAway(Db db)
    {
        await using var app = await EventAdminSupport.StartAsync(db);
        var ev = await app.SeedEventAsync();
        var (_, reg) = await app.RegistrantAsync(ev.Id, "lina@example.test", RegistrationStatus.Confirmed, "Lina Aziz", ticket: "tk-door");
        string[] pages =
        [
            "/admin/events", "/admin/events/new", $"/admin/events/{ev.Id}", $"/admin/events/{ev.Id}/registrations",
            $"/admin/events/{ev.Id}/registrations?handler=Csv", $"/admin/events/{ev.Id}/message", $"/admin/events/{ev.Id}/check-in",
            "/admin/events/check-in/tk-door",
        ];
        var pro = await app.SignedInClientAsync(null, "pro@example.test");
        await app.StartTrialAsync(await app.WithDbAsync(d => Task.FromResult(d.Users.Single(u => u.Email == "pro@example.test"))));
        var refused = new[] { ("reader", await app.SignedInClientAsync(Roles.Reader)), ("PRO", pro) };
        foreach (var (who, client) in refused)
        {
            foreach (var page in pages)
            {
                var response = await client.GetAsync(page, Ct);
                var denied = response.StatusCode == HttpStatusCode.Forbidden
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/denied"));
                Assert.True(denied, $"{who} {page}: {(int)response.StatusCode}");
            }
            // The door's POST, with a valid token from the reader's own page: refused, nobody checked in.
            var token = await client.AntiforgeryTokenAsync("/account");
            var post = await client.PostAsync("/admin/events/check-in/tk-door",
                new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), Ct);
            Assert.True(post.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{who} check-in POST: {(int)post.StatusCode}");
        }
        Assert.Null((await app.LoadRegistrationAsync(reg.Id)).CheckedInAt);

        foreach (var role in new[] { Roles.Editor, Roles.Admin })
        {
            var client = await app.SignedInClientAsync(role);
            foreach (var page in pages)
            {
                var response = await client.GetAsync(page, Ct);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} {page}: {(int)response.StatusCode}");
            }
            Assert.Contains("href=\"/admin/events\"", await client.GetStringAsync("/admin", Ct));
        }
    }
}
