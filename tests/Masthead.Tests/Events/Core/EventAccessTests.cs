using Masthead.Content;
using Masthead.Events;
using Masthead.Membership;

namespace Masthead.Tests.Events.Core;

/// <summary>The join link and the recording by tier and instant, on the rules every page, mail and feed asks.</summary>
public sealed class EventAccessTests
{
    private static readonly DateTime Start = new(2026, 12, 8, 15, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime End = Start.AddHours(1);

    private static Event LiveQa(AccessLevel access = AccessLevel.Pro, EventStatus status = EventStatus.Scheduled, string? recording = null) => new()
    {
        Id = 7, Slug = "qa", Title = "Q&A", TimeZoneId = "Europe/Berlin", StartsAt = Start, EndsAt = End,
        VideoUrl = "https://video.example.test/room", Access = access, Status = status, RecordingUrl = recording,
    };

    private static EventRegistration Registration(RegistrationStatus status = RegistrationStatus.Confirmed, int eventId = 7) =>
        new() { EventId = eventId, UserId = "u", Status = status };

    public static TheoryData<string, int, bool> JoinTimes => new()
    {
        { "a day before", -24 * 60, false },
        { "16 minutes before", -16, false },
        { "15 minutes before, to the second", -15, true },
        { "at the start", 0, true },
        { "during", 30, true },
        { "a minute before the end", 59, true },
        { "at the end", 60, false },
        { "after the end", 120, false },
    };

    [Theory, MemberData(nameof(JoinTimes))]
    public void AConfirmedProMemberSeesTheJoinLinkFromFifteenMinutesBeforeUntilTheEnd(string when, int minutesFromStart, bool sees)
    {
        var now = Start.AddMinutes(minutesFromStart);
        Assert.True(EventAccess.MaySeeJoinLink(LiveQa(), Registration(), ReaderTier.Pro, now) == sees, when);
        Assert.True(EventAccess.MaySeeJoinLink(LiveQa(), Registration(), ReaderTier.Staff, now) == sees, when);
    }

    [Fact]
    public void NobodyElseSeesTheJoinLinkEvenDuringTheEvent()
    {
        var during = Start.AddMinutes(10);
        Assert.False(EventAccess.MaySeeJoinLink(LiveQa(), null, ReaderTier.Pro, during), "not registered");
        Assert.False(EventAccess.MaySeeJoinLink(LiveQa(), Registration(RegistrationStatus.Waitlisted), ReaderTier.Pro, during), "waitlisted");
        Assert.False(EventAccess.MaySeeJoinLink(LiveQa(), Registration(RegistrationStatus.Requested), ReaderTier.Pro, during), "requested");
        Assert.False(EventAccess.MaySeeJoinLink(LiveQa(), Registration(RegistrationStatus.Canceled), ReaderTier.Pro, during), "left");
        Assert.False(EventAccess.MaySeeJoinLink(LiveQa(), Registration(eventId: 8), ReaderTier.Pro, during), "another event's registration");
        Assert.False(EventAccess.MaySeeJoinLink(LiveQa(), Registration(), ReaderTier.Free, during), "PRO ended");
        Assert.False(EventAccess.MaySeeJoinLink(LiveQa(), Registration(), ReaderTier.Anonymous, during), "signed out");
        Assert.False(EventAccess.MaySeeJoinLink(LiveQa(status: EventStatus.Canceled), Registration(), ReaderTier.Pro, during), "canceled");
        Assert.True(EventAccess.MaySeeJoinLink(LiveQa(AccessLevel.Public), Registration(), ReaderTier.Free, during), "a public webinar");
        Assert.False(EventAccess.MaySeeJoinLink(LiveQa(AccessLevel.Public), Registration(), ReaderTier.Anonymous, during), "a public webinar, signed out");
    }

    [Fact]
    public void TheRecordingReplacesTheLinkAfterTheEndForThoseWhoMayAttend()
    {
        const string recording = "https://video.example.test/recording";
        var after = End.AddMinutes(1);
        Assert.False(EventAccess.MaySeeRecording(LiveQa(recording: recording), ReaderTier.Pro, End.AddMinutes(-1)), "before the end");
        Assert.True(EventAccess.MaySeeRecording(LiveQa(recording: recording), ReaderTier.Pro, End), "at the end");
        Assert.True(EventAccess.MaySeeRecording(LiveQa(recording: recording), ReaderTier.Pro, after), "PRO, not registered");
        Assert.True(EventAccess.MaySeeRecording(LiveQa(recording: recording), ReaderTier.Staff, after), "staff");
        Assert.False(EventAccess.MaySeeRecording(LiveQa(recording: recording), ReaderTier.Free, after), "free reader, PRO event");
        Assert.False(EventAccess.MaySeeRecording(LiveQa(recording: recording), ReaderTier.Anonymous, after), "signed out");
        Assert.False(EventAccess.MaySeeRecording(LiveQa(), ReaderTier.Pro, after), "no recording yet");
        Assert.True(EventAccess.MaySeeRecording(new Event { Slug = "m", Title = "m", TimeZoneId = "UTC", StartsAt = Start, EndsAt = End, RecordingMediaId = 3 }, ReaderTier.Pro, after), "an uploaded video");
        Assert.False(EventAccess.MaySeeRecording(LiveQa(status: EventStatus.Canceled, recording: recording), ReaderTier.Pro, after), "canceled");
        Assert.True(EventAccess.MaySeeRecording(LiveQa(AccessLevel.Members, recording: recording), ReaderTier.Free, after), "members event");
        Assert.False(EventAccess.MayAttend(LiveQa(AccessLevel.Members), ReaderTier.Anonymous));
    }
}
