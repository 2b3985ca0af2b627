using Masthead.Content;
using Masthead.Membership;

namespace Masthead.Events;

/// <summary>Who may register for an event, see its join link and watch its recording. Pure rules over the event,
/// the member's registration, their tier and the instant, so every page, mail, feed and test asks the same thing.</summary>
public static class EventAccess
{
    /// <summary>The join link opens this long before the start (the event page shows it from then).</summary>
    public static readonly TimeSpan JoinOpensBefore = TimeSpan.FromMinutes(15);

    /// <summary>PRO events: PRO members and staff. Members and public events: any signed-in reader.</summary>
    public static bool MayAttend(Event ev, ReaderTier tier) => ev.Access switch
    {
        AccessLevel.Pro => tier is ReaderTier.Pro or ReaderTier.Staff,
        _ => tier is not ReaderTier.Anonymous,
    };

    /// <summary>A confirmed place, the right to attend, an event not canceled, and now in [start − 15 min, end).</summary>
    public static bool MaySeeJoinLink(Event ev, EventRegistration? reg, ReaderTier tier, DateTime now) =>
        reg is { Status: RegistrationStatus.Confirmed } && reg.EventId == ev.Id
        && ev.Status != EventStatus.Canceled
        && MayAttend(ev, tier)
        && now >= ev.StartsAt - JoinOpensBefore && now < ev.EndsAt;

    /// <summary>After the end of an event that took place, to anyone who may attend (registered or not), once a
    /// recording exists.</summary>
    public static bool MaySeeRecording(Event ev, ReaderTier tier, DateTime now) =>
        ev.Status != EventStatus.Canceled
        && now >= ev.EndsAt
        && MayAttend(ev, tier)
        && (!string.IsNullOrWhiteSpace(ev.RecordingUrl) || ev.RecordingMediaId is not null);
}
