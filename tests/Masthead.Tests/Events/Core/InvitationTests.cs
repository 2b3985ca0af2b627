using Ical.Net.CalendarComponents;
using Masthead.Events;
using Masthead.Membership;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static Masthead.Tests.Events.Core.EventsCoreSupport;
using IcalCalendar = Ical.Net.Calendar;

namespace Masthead.Tests.Events.Core;

/// <summary>The invitations as a member's calendar reads them: parsed from the sent mail, by Ical.Net and by ical.js.</summary>
public sealed class InvitationTests
{
    private static readonly DateTime WinterStart = new(2027, 3, 20, 15, 0, 0, DateTimeKind.Utc);   // 16:00 CET
    private static readonly DateTime SummerStart = new(2027, 3, 30, 14, 0, 0, DateTimeKind.Utc);   // 16:00 CEST

    [Theory, ClassData(typeof(Databases))]
    public async Task OneUidWhoseSequenceRisesFromRequestToUpdateToCancelAcrossTheClockChange(Db db)
    {
        await using var app = await StartAsync(db);
        var ev = await app.CreateEventAsync(e =>
        {
            e.Kind = EventKind.InPerson;
            e.VideoUrl = null;
            e.Title = "Dinner with the Gulf desk";
            e.VenueName = "Hotel Adlon";
            e.VenueAddress = "Unter den Linden 77, 10117 Berlin";
            e.StartsAt = WinterStart;
            e.EndsAt = WinterStart.AddHours(2);
            e.Capacity = 30;
        });
        var member = await app.MemberAsync("diner");
        Assert.Equal(RegisterOutcome.Confirmed, (await app.RegisterAsync(ev, member)).Outcome);

        app.Time.Advance(TimeSpan.FromDays(1));
        await app.WithDbAsync(d => d.Set<Event>().Where(e => e.Id == ev.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.StartsAt, SummerStart).SetProperty(e => e.EndsAt, SummerStart.AddHours(2)), Ct));
        await app.WithAsync<bool, EventChanges>(async c => { await c.NotifyChangedAsync(ev.Id, "it moved to Tuesday 30 March, same time", Ct); return true; });
        app.Time.Advance(TimeSpan.FromDays(1));
        await app.WithAsync<bool, EventChanges>(async c => { await c.CancelEventAsync(ev.Id, "The speaker cannot travel.", "editor@ledger.test", Ct); return true; });

        var mail = await app.MailToAsync(member);
        Assert.Equal(3, mail.Count);
        var confirmed = mail.Single(m => m.Subject.StartsWith("You're registered", StringComparison.Ordinal));
        var updated = mail.Single(m => m.Subject.StartsWith("Updated", StringComparison.Ordinal));
        var canceled = mail.Single(m => m.Subject.StartsWith("Canceled", StringComparison.Ordinal));
        Assert.Contains("it moved to Tuesday 30 March", updated.TextBody);
        Assert.Contains("Tuesday 30 March 2027, 16:00–18:00 CEST (Europe/Berlin)", updated.TextBody);
        Assert.Contains("Saturday 20 March 2027, 16:00–18:00 CET (Europe/Berlin)", confirmed.TextBody);
        Assert.Contains("The speaker cannot travel.", canceled.TextBody);

        var sent = new[] { confirmed, updated, canceled }.Select(RawCalendar.Of).ToArray();
        foreach (var ics in sent) RawCalendar.AssertWellFormed(ics);
        Assert.Equal(["REQUEST", "REQUEST", "CANCEL"], new[] { confirmed, updated, canceled }.Select(m => RequireInvitation(m).Method));

        // Ical.Net
        var calendars = sent.Select(IcalCalendar.Load).ToArray();
        Assert.Equal(["REQUEST", "REQUEST", "CANCEL"], calendars.Select(c => c!.Method));
        var events = calendars.Select(c => Assert.Single(c!.Events)).ToArray();
        var registration = await app.RegistrationAsync(ev.Id, member.Id);
        Assert.All(events, e => Assert.Equal($"event-{ev.Id}-reg-{registration.Id}@localhost", e.Uid));
        Assert.True(events[0].Sequence < events[1].Sequence && events[1].Sequence < events[2].Sequence,
            $"SEQUENCE {events[0].Sequence}, {events[1].Sequence}, {events[2].Sequence}");
        Assert.Equal(registration.Sequence, events[2].Sequence);
        Assert.All(calendars, c => Assert.Contains(c!.TimeZones, z => z.TzId == "Europe/Berlin"));
        Assert.All(events, e => Assert.Equal("Europe/Berlin", e.DtStart!.TzId));
        Assert.Equal((16, WinterStart), (events[0].DtStart!.Hour, events[0].DtStart!.AsUtc));
        Assert.Equal((16, SummerStart), (events[1].DtStart!.Hour, events[1].DtStart!.AsUtc));
        Assert.Equal(SummerStart.AddHours(2), events[1].DtEnd!.AsUtc);
        Assert.Equal(["CONFIRMED", "CONFIRMED", "CANCELLED"], events.Select(e => e.Status));
        Assert.All(events, e => Assert.Equal("mailto:events@ledger.test", e.Organizer!.Value!.ToString()));
        var attendee = Assert.Single(events[0].Attendees);
        Assert.Equal($"mailto:{member.Email}", attendee.Value!.ToString());
        Assert.Equal(("ACCEPTED", "REQ-PARTICIPANT", false), (attendee.ParticipationStatus, attendee.Role, attendee.Rsvp));
        Assert.Equal("Hotel Adlon, Unter den Linden 77, 10117 Berlin", events[0].Location);
        Assert.Equal($"http://localhost/events/{ev.Slug}", events[0].Url!.ToString());
        Assert.Equal("Dinner with the Gulf desk", events[0].Summary);
        Assert.Contains(registration.TicketCode!, events[0].Description);

        // ical.js, independently
        var parsed = await IcalJs.ParseAsync(sent);
        Assert.Equal(["REQUEST", "REQUEST", "CANCEL"], parsed.Select(p => p.Method));
        Assert.All(parsed, p => Assert.Equal(events[0].Uid, p.Uid));
        Assert.Equal(events.Select(e => e.Sequence), parsed.Select(p => p.Sequence));
        Assert.Equal(["2027-03-20T15:00:00.000Z", "2027-03-30T14:00:00.000Z", "2027-03-30T14:00:00.000Z"], parsed.Select(p => p.StartUtc));
        Assert.Equal("2027-03-30T16:00:00.000Z", parsed[1].EndUtc);
        Assert.Equal(["CONFIRMED", "CONFIRMED", "CANCELLED"], parsed.Select(p => p.Status));
        Assert.Equal("mailto:events@ledger.test", parsed[0].Organizer);
        Assert.Equal($"mailto:{member.Email}", parsed[0].Attendee);
    }

    [Fact]
    public async Task AnEventOnTheDaylightSavingChangeDayHasTheRightInstantsInBothParsers()
    {
        await using var app = await StartAsync(Db.Sqlite);
        // Berlin's clocks go from 02:00 CET to 03:00 CEST on 28 March 2027: 01:30 CET to 04:00 CEST is 1.5 hours.
        var start = new DateTime(2027, 3, 28, 0, 30, 0, DateTimeKind.Utc);
        var ev = await app.CreateEventAsync(e => { e.StartsAt = start; e.EndsAt = start.AddMinutes(90); });
        var member = await app.MemberAsync("nightowl");
        await app.RegisterAsync(ev, member);

        var message = Assert.Single(await app.MailToAsync(member));
        Assert.Contains("Sunday 28 March 2027, 01:30 CET–04:00 CEST (Europe/Berlin)", message.TextBody);
        var ics = RawCalendar.Of(message);
        RawCalendar.AssertWellFormed(ics);
        Assert.Contains("DTSTART;TZID=Europe/Berlin:20270328T013000", ics);
        Assert.Contains("DTEND;TZID=Europe/Berlin:20270328T040000", ics);

        var vevent = Assert.Single(IcalCalendar.Load(ics)!.Events);
        Assert.Equal(start, vevent.DtStart!.AsUtc);
        Assert.Equal(start.AddMinutes(90), vevent.DtEnd!.AsUtc);
        var parsed = Assert.Single(await IcalJs.ParseAsync(ics));
        Assert.Equal("2027-03-28T00:30:00.000Z", parsed.StartUtc);
        Assert.Equal("2027-03-28T02:00:00.000Z", parsed.EndUtc);
    }

    [Fact]
    public async Task TheSerializerWritesCrlfLinesFoldedAt75Octets()
    {
        await using var app = await StartAsync(Db.Sqlite);
        var ev = await app.CreateEventAsync(e => e.Summary = string.Concat(Enumerable.Repeat("A long summary with ünïcode that must be folded. ", 8)));
        var member = await app.MemberAsync("folder");
        await app.RegisterAsync(ev, member);
        var registration = await app.RegistrationAsync(ev.Id, member.Id);
        var ics = app.Services.GetRequiredService<EventInvitations>()
            .RequestFor(await app.ReloadAsync(ev.Id), registration, new Invitee(member.Email!, "Folder"), showJoinLink: false);
        Assert.EndsWith("\r\n", ics);
        Assert.DoesNotContain("\n", ics.Replace("\r\n", ""));
        Assert.Contains("\r\n ", ics); // a folded line
        Assert.All(ics.Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, line));
        Assert.Contains("PRODID:", ics);
        Assert.Contains("DTSTAMP:20261120T090000Z", ics);
        Assert.Contains("BEGIN:VTIMEZONE", ics);
    }

    [Fact]
    public async Task ALiveQaInvitationNeverCarriesTheJoinLinkAndTheTicketMailCarriesItsQr()
    {
        await using var app = await StartAsync(Db.Sqlite);
        var qa = await app.CreateEventAsync();
        var dinner = await app.CreateEventAsync(e => { e.Kind = EventKind.InPerson; e.VideoUrl = null; e.VenueName = "Club"; e.VenueAddress = "1 Main St"; });
        var member = await app.MemberAsync("asker");
        await app.RegisterAsync(qa, member);
        await app.RegisterAsync(dinner, member);

        var mail = await app.MailToAsync(member);
        var qaMail = mail.Single(m => m.Subject.Contains(qa.Title, StringComparison.Ordinal) && RawCalendar.Of(m).Contains($"event-{qa.Id}-", StringComparison.Ordinal));
        var ics = RawCalendar.Of(qaMail);
        Assert.DoesNotContain(qa.VideoUrl!, ics);
        Assert.DoesNotContain(qa.VideoUrl!, qaMail.TextBody);
        Assert.DoesNotContain(qa.VideoUrl!, qaMail.HtmlBody);
        var vevent = Assert.Single(IcalCalendar.Load(ics)!.Events);
        Assert.Equal($"http://localhost/events/{qa.Slug}", vevent.Location);
        Assert.DoesNotContain(Assert.Single(await IcalJs.ParseAsync(ics)).Location ?? "", qa.VideoUrl!);
        Assert.DoesNotContain(qaMail.BodyParts, p => p.ContentId == "ticket-qr");

        var ticketMail = mail.Single(m => RawCalendar.Of(m).Contains($"event-{dinner.Id}-", StringComparison.Ordinal));
        var code = (await app.RegistrationAsync(dinner.Id, member.Id)).TicketCode!;
        Assert.Contains($"Your ticket code: {code}", ticketMail.TextBody);
        Assert.DoesNotContain("{{ticket-qr}}", ticketMail.TextBody + ticketMail.HtmlBody);
        Assert.Contains("src=\"cid:ticket-qr\"", ticketMail.HtmlBody);
        var image = Assert.IsType<MimePart>(ticketMail.BodyParts.Single(p => p.ContentId == "ticket-qr"), exactMatch: false);
        Assert.True(image.ContentType.IsMimeType("image", "png"));
        using var png = new MemoryStream();
        image.Content.DecodeTo(png);
        Assert.Equal(EventTickets.QrPng($"http://localhost{EventTickets.CheckInPath(code)}"), png.ToArray());
    }
}
