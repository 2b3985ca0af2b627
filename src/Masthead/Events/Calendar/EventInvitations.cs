using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Masthead.Delivery;
using Masthead.Delivery.Outbox;
using Masthead.Site;
using Microsoft.Extensions.Options;
using IcalCalendar = Ical.Net.Calendar;

namespace Masthead.Events;

/// <summary>The member an invitation is for.</summary>
public sealed record Invitee(string Email, string Name);

/// <summary>One entry of a member's calendar: the event, their registration (its id makes the UID, its sequence the
/// SEQUENCE) and whether the join link may be written into it now.</summary>
public sealed record CalendarEntry(Event Event, EventRegistration Registration, bool ShowJoinLink);

/// <summary>iCalendar (RFC 5545) invitations and feeds, made with Ical.Net, sent as iMIP (RFC 6047) by the mails.
/// Each registrant has their own VEVENT: the UID <c>event-{eventId}-reg-{registrationId}@{host}</c> never changes
/// for them, and the SEQUENCE is their registration's, which rises with every invitation sent, so a calendar applies
/// each REQUEST over the last and a CANCEL removes the entry. Times carry the event's zone with its VTIMEZONE (UTC
/// when the zone is unknown); the serializer writes CRLF and folds long lines.</summary>
public sealed class EventInvitations(IOptions<SiteOptions> site, IOptions<MailOptions> mail, TimeProvider time)
{
    public const string Request = "REQUEST";
    public const string Cancel = "CANCEL";
    public const string Publish = "PUBLISH";

    public string Host => MessageIds.HostOf(site.Value.BaseUrl);

    public static string Uid(int eventId, long registrationId, string host) => $"event-{eventId}-reg-{registrationId}@{host}";

    /// <summary>The event page, which shows the join link to those who may see it from 15 minutes before.</summary>
    public string PageUrl(Event ev) => site.Value.Absolute(EventLinks.PagePath(ev.Slug));

    /// <summary>METHOD:REQUEST for one registrant: a new place or an update of it.</summary>
    public string RequestFor(Event ev, EventRegistration reg, Invitee who, bool showJoinLink) =>
        Serialize(Request, [Component(ev, reg, who, showJoinLink, cancel: false)], ev.TimeZoneId, calendarName: null);

    /// <summary>METHOD:CANCEL for one registrant: they left, were declined, or the event was called off.</summary>
    public string CancelFor(Event ev, EventRegistration reg, Invitee who) =>
        Serialize(Cancel, [Component(ev, reg, who, showJoinLink: false, cancel: true)], ev.TimeZoneId, calendarName: null);

    /// <summary>A member's feed (METHOD:PUBLISH): the same UIDs as their invitations, no attendees (RFC 5546 §3.2.1).</summary>
    public string Feed(string calendarName, IReadOnlyList<CalendarEntry> entries)
    {
        var components = entries.Select(e => Component(e.Event, e.Registration, who: null, e.ShowJoinLink,
            cancel: e.Event.Status == EventStatus.Canceled)).ToList();
        return Serialize(Publish, components, zones: entries.Select(e => e.Event.TimeZoneId), calendarName);
    }

    private string Serialize(string method, IReadOnlyList<CalendarEvent> events, string zone, string? calendarName) =>
        Serialize(method, events, [zone], calendarName);

    private string Serialize(string method, IReadOnlyList<CalendarEvent> events, IEnumerable<string> zones, string? calendarName)
    {
        var calendar = new IcalCalendar { Method = method, ProductId = $"-//{site.Value.Name}//Masthead Events//EN" };
        foreach (var zone in zones.Where(z => Zone(z) is not null).Distinct(StringComparer.Ordinal))
        {
            // Transitions from a year back: enough for every event the calendar holds, short enough to stay small.
            calendar.AddTimeZone(zone, time.GetUtcNow().UtcDateTime.AddYears(-1), includeHistoricalData: false);
        }
        if (calendarName is not null)
        {
            calendar.AddProperty("X-WR-CALNAME", calendarName);
            calendar.AddProperty("X-PUBLISHED-TTL", "PT1H");
        }
        foreach (var e in events) calendar.Events.Add(e);
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    private CalendarEvent Component(Event ev, EventRegistration reg, Invitee? who, bool showJoinLink, bool cancel)
    {
        var page = PageUrl(ev);
        var joinUrl = showJoinLink && ev.Kind == EventKind.LiveQa && !string.IsNullOrWhiteSpace(ev.VideoUrl) ? ev.VideoUrl : null;
        var o = mail.Value;
        var component = new CalendarEvent
        {
            Uid = Uid(ev.Id, reg.Id, Host),
            Sequence = Math.Max(reg.Sequence, 0),
            DtStamp = new CalDateTime(time.GetUtcNow().UtcDateTime, CalDateTime.UtcTzId, true),
            DtStart = At(ev.StartsAt, ev.TimeZoneId),
            DtEnd = At(ev.EndsAt, ev.TimeZoneId),
            Summary = ev.Title,
            Description = Description(ev, reg, page, joinUrl, cancel),
            Url = new Uri(page),
            Location = ev.Kind == EventKind.InPerson ? Venue(ev) : joinUrl ?? page,
            Status = cancel ? Ical.Net.EventStatus.Cancelled : Ical.Net.EventStatus.Confirmed,
            Transparency = cancel ? "TRANSPARENT" : "OPAQUE",
            Organizer = new Organizer($"mailto:{o.FromAddress}") { CommonName = o.FromName },
        };
        if (who is not null)
        {
            // The member asked for the place themselves: the organizer reports them as accepted and asks no reply
            // (RFC 5546 §3.2.2: PARTSTAT and RSVP are the organizer's to set in a REQUEST).
            component.Attendees.Add(new Attendee($"mailto:{who.Email}")
            {
                CommonName = who.Name,
                Role = Ical.Net.ParticipationRole.RequiredParticipant,
                ParticipationStatus = cancel ? Ical.Net.EventParticipationStatus.Declined : Ical.Net.EventParticipationStatus.Accepted,
                Rsvp = false,
            });
        }
        return component;
    }

    private static string Description(Event ev, EventRegistration reg, string page, string? joinUrl, bool cancel)
    {
        var lines = new List<string>();
        if (cancel && ev.Status == EventStatus.Canceled)
        {
            lines.Add(string.IsNullOrWhiteSpace(ev.CancelReason) ? "This event was canceled." : $"This event was canceled: {ev.CancelReason}");
        }
        if (!string.IsNullOrWhiteSpace(ev.Summary)) lines.Add(ev.Summary);
        if (joinUrl is not null) lines.Add($"Join: {joinUrl}");
        else if (ev.Kind == EventKind.LiveQa && !cancel)
        {
            lines.Add($"The join link appears on the event page {EventAccess.JoinOpensBefore.TotalMinutes:0} minutes before the start.");
        }
        if (ev.Kind == EventKind.InPerson && !cancel && reg.TicketCode is { Length: > 0 } code) lines.Add($"Ticket: {code}");
        lines.Add($"Event page: {page}");
        return string.Join("\n\n", lines);
    }

    private static string Venue(Event ev) =>
        string.Join(", ", new[] { ev.VenueName, ev.VenueAddress }.Where(s => !string.IsNullOrWhiteSpace(s)));

    /// <summary>A UTC instant as the wall-clock time of the zone (DTSTART;TZID=…), or in UTC (…Z) for an unknown zone.</summary>
    private static CalDateTime At(DateTime utc, string zoneId)
    {
        var u = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        if (Zone(zoneId) is not { } zone) return new CalDateTime(u, CalDateTime.UtcTzId, true);
        var local = DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(u, zone), DateTimeKind.Unspecified);
        return new CalDateTime(local, zoneId, true);
    }

    internal static TimeZoneInfo? Zone(string? zoneId) =>
        !string.IsNullOrWhiteSpace(zoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone) ? zone : null;
}

/// <summary>Addresses of the events pages (served by the pages of this feature).</summary>
public static class EventLinks
{
    public static string PagePath(string slug) => $"/events/{Uri.EscapeDataString(slug)}";
}
