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
