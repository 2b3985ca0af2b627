using Masthead.Events;
using Masthead.Membership;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Masthead.Tests.Events.Core.EventsCoreSupport;

namespace Masthead.Tests.Events.Core;

public sealed class RegistrationTests
{
    [Theory, ClassData(typeof(Databases))]
    public async Task AFreedPlaceGoesToTheOldestWaitlistedMemberWithAnInvitation(Db db)
    {
        await using var app = await StartAsync(db);
        var ev = await app.CreateEventAsync(e => e.Capacity = 1);
        var (first, second, third) = (await app.MemberAsync("first"), await app.MemberAsync("second"), await app.MemberAsync("third"));

        Assert.Equal(RegisterOutcome.Confirmed, (await app.RegisterAsync(ev, first)).Outcome);
        app.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(RegisterOutcome.Waitlisted, (await app.RegisterAsync(ev, second)).Outcome);
        app.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(RegisterOutcome.Waitlisted, (await app.RegisterAsync(ev, third)).Outcome);
        Assert.Equal(RegisterOutcome.AlreadyHeld, (await app.RegisterAsync(ev, second)).Outcome);

        Assert.True(await app.CancelRegistrationAsync(ev, first));
        Assert.False(await app.CancelRegistrationAsync(ev, first));

        Assert.Equal(RegistrationStatus.Canceled, (await app.RegistrationAsync(ev.Id, first.Id)).Status);
        Assert.Equal(RegistrationStatus.Confirmed, (await app.RegistrationAsync(ev.Id, second.Id)).Status);
        Assert.Equal(RegistrationStatus.Waitlisted, (await app.RegistrationAsync(ev.Id, third.Id)).Status);
        Assert.Equal(1, (await app.ReloadAsync(ev.Id)).ConfirmedCount);

        var toSecond = await app.MailToAsync(second);
        Assert.Equal(2, toSecond.Count);
        var waitlisted = toSecond.Single(m => m.Subject.StartsWith("You're on the waitlist", StringComparison.Ordinal));
        Assert.Null(Invitation(waitlisted));
        var promoted = toSecond.Single(m => m.Subject.StartsWith("A place opened up", StringComparison.Ordinal));
        Assert.Contains("moved up from the waitlist", promoted.TextBody);
        var (method, ics) = RequireInvitation(promoted);
        Assert.Equal("REQUEST", method);
        Assert.Contains("METHOD:REQUEST", ics);
        Assert.Single(await app.MailToAsync(third));

        var toFirst = await app.MailToAsync(first);
        Assert.Equal(2, toFirst.Count);
        Assert.Equal("REQUEST", RequireInvitation(toFirst.Single(m => m.Subject.StartsWith("You're registered", StringComparison.Ordinal))).Method);
        Assert.Equal("CANCEL", RequireInvitation(toFirst.Single(m => m.Subject.StartsWith("Registration canceled", StringComparison.Ordinal))).Method);
    }
}

public sealed class CapacityAndInvitationTests
{
    [Theory, ClassData(typeof(Databases))]
    public async Task TwentyMembersAtOnceForTheLastPlaceGiveExactlyOnePlace(Db db)
    {
        await using var app = await StartAsync(db);
        var ev = await app.CreateEventAsync(e => e.Capacity = 3);
        foreach (var early in new[] { "early1", "early2" }) await app.RegisterAsync(ev, await app.MemberAsync(early));
        var racers = new List<Masthead.Accounts.User>();
        for (var i = 0; i < 20; i++) racers.Add(await app.MemberAsync($"racer{i:00}"));

        // Each in its own scope and DbContext, released together.
        using var start = new ManualResetEventSlim(false);
        var tasks = racers.Select(u => Task.Run(async () =>
        {
            start.Wait(Ct);
            return await app.RegisterAsync(ev, u);
        }, Ct)).ToList();
        start.Set();
        var results = await Task.WhenAll(tasks);

        Assert.Equal(1, results.Count(r => r.Outcome == RegisterOutcome.Confirmed));
        Assert.Equal(19, results.Count(r => r.Outcome == RegisterOutcome.Waitlisted));
        var rows = await app.WithDbAsync(d => d.Set<EventRegistration>().AsNoTracking().Where(r => r.EventId == ev.Id).ToListAsync(Ct));
        Assert.Equal(3, rows.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(19, rows.Count(r => r.Status == RegistrationStatus.Waitlisted));
        Assert.Equal(3, (await app.ReloadAsync(ev.Id)).ConfirmedCount);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ByInvitationRequestsAreApprovedOrDeclinedAndApprovalIsRefusedWhenFull(Db db)
    {
        await using var app = await StartAsync(db);
        var ev = await app.CreateEventAsync(e =>
        {
            e.Admission = EventAdmission.ByInvitation;
            e.Kind = EventKind.InPerson;
            e.VideoUrl = null;
            e.VenueName = "Residence";
            e.VenueAddress = "2 Embassy Row";
            e.Capacity = 1;
        });
        var (vip, other, third) = (await app.MemberAsync("vip"), await app.MemberAsync("other"), await app.MemberAsync("third"));
        var requested = await app.RegisterAsync(ev, vip, note: "I cover the Gulf for a fund.");
        Assert.Equal(RegisterOutcome.Requested, requested.Outcome);
        Assert.Equal("I cover the Gulf for a fund.", requested.Registration!.RequestNote);
        var otherRequest = (await app.RegisterAsync(ev, other)).Registration!;
        var thirdRequest = (await app.RegisterAsync(ev, third)).Registration!;
        Assert.Equal(0, (await app.ReloadAsync(ev.Id)).ConfirmedCount);

        Assert.True(await app.WithAsync<bool, EventRegistrations>(r => r.ApproveAsync(requested.Registration.Id, "editor@ledger.test", Ct)));
        Assert.False(await app.WithAsync<bool, EventRegistrations>(r => r.ApproveAsync(requested.Registration.Id, "editor@ledger.test", Ct)));
        // Full now: the next approval changes nothing.
        Assert.False(await app.WithAsync<bool, EventRegistrations>(r => r.ApproveAsync(otherRequest.Id, "editor@ledger.test", Ct)));
        Assert.Equal(RegistrationStatus.Requested, (await app.RegistrationAsync(ev.Id, other.Id)).Status);
        Assert.True(await app.WithAsync<bool, EventRegistrations>(r => r.DeclineAsync(thirdRequest.Id, "editor@ledger.test", Ct)));
        Assert.False(await app.WithAsync<bool, EventRegistrations>(r => r.DeclineAsync(thirdRequest.Id, "editor@ledger.test", Ct)));

        var approved = await app.RegistrationAsync(ev.Id, vip.Id);
        Assert.Equal((RegistrationStatus.Confirmed, "editor@ledger.test"), (approved.Status, approved.DecidedBy));
        Assert.NotNull(approved.TicketCode);
        Assert.Equal(RegistrationStatus.Declined, (await app.RegistrationAsync(ev.Id, third.Id)).Status);
        Assert.Equal(1, (await app.ReloadAsync(ev.Id)).ConfirmedCount);

        var vipMail = await app.MailToAsync(vip);
        Assert.Equal(2, vipMail.Count);
        Assert.Null(Invitation(vipMail.Single(m => m.Subject.StartsWith("Request received", StringComparison.Ordinal))));
        var accepted = vipMail.Single(m => m.Subject.StartsWith("Request accepted", StringComparison.Ordinal));
        Assert.Equal("REQUEST", RequireInvitation(accepted).Method);
        Assert.Contains(approved.TicketCode!, accepted.TextBody);
        var thirdMail = await app.MailToAsync(third);
        var declined = thirdMail.Single(m => m.Subject.StartsWith("About your request", StringComparison.Ordinal));
        Assert.Null(Invitation(declined));
        Assert.Contains("could not offer you a place", declined.TextBody);
        Assert.Single(await app.MailToAsync(other)); // request received only

        // A declined member may ask again.
        Assert.Equal(RegisterOutcome.Requested, (await app.RegisterAsync(ev, third)).Outcome);
    }

    [Fact]
    public async Task RegistrationIsRefusedToTheWrongTierAndClosedWhenCanceledEndedOrUnpublished()
    {
        await using var app = await StartAsync(Db.Sqlite);
        var member = await app.MemberAsync("free");
        var pro = await app.CreateEventAsync();
        Assert.Equal(RegisterOutcome.NotAllowed, (await app.RegisterAsync(pro, member, ReaderTier.Free)).Outcome);
        Assert.Equal(RegisterOutcome.NotAllowed, (await app.RegisterAsync(pro, member, ReaderTier.Anonymous)).Outcome);
        var open = await app.CreateEventAsync(e => e.Access = Masthead.Content.AccessLevel.Members);
        Assert.Equal(RegisterOutcome.Confirmed, (await app.RegisterAsync(open, member, ReaderTier.Free)).Outcome);

        var draft = await app.CreateEventAsync(e => e.PublishedAt = null);
        var canceled = await app.CreateEventAsync(e => e.Status = EventStatus.Canceled);
        var past = await app.CreateEventAsync(e => { e.StartsAt = app.Time.GetUtcNow().UtcDateTime.AddHours(-2); e.EndsAt = e.StartsAt.AddHours(1); });
        foreach (var closed in new[] { draft, canceled, past })
        {
            Assert.Equal(RegisterOutcome.Closed, (await app.RegisterAsync(closed, member)).Outcome);
        }
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<EventRegistration>().CountAsync(r => r.EventId != open.Id, Ct)));
        Assert.Equal(0, (await app.ReloadAsync(pro.Id)).ConfirmedCount);
    }

    [Fact]
    public async Task ANameThatCannotGoInAMailHeaderKeepsThePlaceAndSendsNothing()
    {
        await using var app = await StartAsync(Db.Sqlite);
        var ev = await app.CreateEventAsync(e => e.Capacity = 5);
        var member = await app.MemberAsync("header");
        await app.WithDbAsync(d => d.Users.Where(u => u.Id == member.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, "Mallory\r\nBcc: everyone@example.test"), Ct));

        Assert.Equal(RegisterOutcome.Confirmed, (await app.RegisterAsync(ev, member)).Outcome);
        Assert.Equal(1, (await app.ReloadAsync(ev.Id)).ConfirmedCount);
        Assert.Empty(await app.MailToAsync(member));
        Assert.Empty(Mailbox.All(app.MailDirectory));
    }

    [Fact]
    public async Task ARegistrantWhoComesBackGetsAHigherSequenceAndANewTicket()
    {
        await using var app = await StartAsync(Db.Sqlite);
        var ev = await app.CreateEventAsync(e => { e.Kind = EventKind.InPerson; e.VideoUrl = null; e.VenueName = "Hall"; });
        var member = await app.MemberAsync("returner");
        await app.RegisterAsync(ev, member);
        var first = await app.RegistrationAsync(ev.Id, member.Id);
        await app.CancelRegistrationAsync(ev, member);
        var left = await app.RegistrationAsync(ev.Id, member.Id);
        Assert.Equal(RegisterOutcome.Confirmed, (await app.RegisterAsync(ev, member)).Outcome);
        var again = await app.RegistrationAsync(ev.Id, member.Id);

        Assert.Equal(first.Id, again.Id);
        Assert.True(first.Sequence < left.Sequence && left.Sequence < again.Sequence);
        Assert.NotEqual(first.TicketCode, again.TicketCode);
        Assert.Equal(1, (await app.ReloadAsync(ev.Id)).ConfirmedCount);
        Assert.Equal(3, (await app.MailToAsync(member)).Count);
    }
}
