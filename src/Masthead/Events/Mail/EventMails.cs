using System.Text.RegularExpressions;
using Masthead.Delivery;
using Masthead.Site;
using Microsoft.Extensions.Options;

namespace Masthead.Events;

/// <summary>How a registrant came to hold a place: each says so in its confirmation.</summary>
public enum ConfirmationReason { Registered, Approved, Promoted }

public enum ReminderKind { DayBefore, HourBefore }

/// <summary>Every mail of the events feature, in the transactional layout, queued through <see cref="Mailer"/>. Each
/// message key names the event, the registration and what makes that message unique (the invitation's SEQUENCE for
/// those that carry one), so a repeated call queues nothing twice. The calendar part is the registrant's own
/// VEVENT (see <see cref="EventInvitations"/>).</summary>
public sealed partial class EventMails(Mailer mailer, EventInvitations invitations, IOptions<SiteOptions> site)
{
    private const string QrMarker = "{{ticket-qr}}";
    private const string QrContentId = "ticket-qr";

    private TransactionalEmail Layout => TransactionalEmail.For(site.Value);

    public Task ConfirmedAsync(Event ev, EventRegistration reg, Invitee who, ConfirmationReason reason, CancellationToken ct)
    {
        var (subject, opening) = reason switch
        {
            ConfirmationReason.Promoted => ($"A place opened up: you're in for {ev.Title}",
                $"A place became free and it is yours: you moved up from the waitlist, and your place at {ev.Title} is confirmed."),
            ConfirmationReason.Approved => ($"Request accepted: {ev.Title}",
                $"The organisers accepted your request: your place at {ev.Title} is confirmed."),
            _ => ($"You're registered: {ev.Title}", $"Your place at {ev.Title} is confirmed."),
        };
        var paragraphs = new List<string> { opening, $"When: {EventTimes.When(ev)}", Where(ev) };
        var ticket = ev.Kind == EventKind.InPerson && reg.TicketCode is { Length: > 0 } code ? code : null;
        if (ticket is not null)
        {
            paragraphs.Add(QrMarker);
            paragraphs.Add($"Your ticket code: {ticket}. Show the QR code above (or tell this code) at the door; it admits one person once.");
        }
        paragraphs.Add("The calendar invitation in this email adds the event to your calendar, and our updates keep it current.");
        var mail = Layout.Compose(who.Email, subject, reason == ConfirmationReason.Promoted ? "You have a place" : "See you there",
            paragraphs, "See the event", invitations.PageUrl(ev),
            footnote: "Can't come after all? Cancel on the event page, so your place goes to the next person waiting.",
            toName: who.Name, messageKey: $"event/{ev.Id}/confirmed/{reg.Id}/{reg.Sequence}");
        mail = WithInvitation(mail, EventInvitations.Request, invitations.RequestFor(ev, reg, who, showJoinLink: false));
        return mailer.SendAsync(ticket is null ? mail : WithTicket(mail, ev, ticket), ct);
    }

    public Task WaitlistedAsync(Event ev, EventRegistration reg, Invitee who, CancellationToken ct) =>
        mailer.SendAsync(Layout.Compose(who.Email, $"You're on the waitlist: {ev.Title}", "You're on the waitlist",
            [
                $"{ev.Title} is full for now, so you are on its waitlist.",
                "When someone cancels, their place goes to whoever has waited longest. When that is you, the place is yours without doing anything: we email you the confirmation and the calendar invitation.",
                $"When: {EventTimes.When(ev)}",
            ],
            "See the event", invitations.PageUrl(ev), footnote: "No longer interested? Leave the waitlist on the event page.",
            toName: who.Name, messageKey: $"event/{ev.Id}/waitlisted/{reg.Id}/{reg.QueuedAt.Ticks}"), ct);

    public Task RequestReceivedAsync(Event ev, EventRegistration reg, Invitee who, CancellationToken ct) =>
        mailer.SendAsync(Layout.Compose(who.Email, $"Request received: {ev.Title}", "Your request is with the organisers",
            [
                $"Thank you: your request for a place at {ev.Title} was received.",
                "Places at this event are given by invitation. You will hear from us by email once the organisers have decided.",
                $"When: {EventTimes.When(ev)}",
            ],
            "See the event", invitations.PageUrl(ev), footnote: "Changed your mind? Withdraw the request on the event page.",
            toName: who.Name, messageKey: $"event/{ev.Id}/requested/{reg.Id}/{reg.QueuedAt.Ticks}"), ct);

    public Task DeclinedAsync(Event ev, EventRegistration reg, Invitee who, CancellationToken ct) =>
        mailer.SendAsync(Layout.Compose(who.Email, $"About your request: {ev.Title}", "We could not offer you a place",
            [
                $"We are sorry: the organisers could not offer you a place at {ev.Title} this time.",
                "Places at invitation-only events are few. Other events are open to you on the events page.",
            ],
            "See upcoming events", site.Value.Absolute("/events"),
            toName: who.Name, messageKey: $"event/{ev.Id}/declined/{reg.Id}/{reg.DecidedAt?.Ticks ?? reg.QueuedAt.Ticks}"), ct);

    /// <summary>The member left: a CANCEL so their calendar drops the entry.</summary>
    public Task LeftAsync(Event ev, EventRegistration reg, Invitee who, RegistrationStatus left, CancellationToken ct)
    {
        var what = left switch
        {
            RegistrationStatus.Waitlisted => $"You left the waitlist for {ev.Title}.",
            RegistrationStatus.Requested => $"You withdrew your request for a place at {ev.Title}.",
            _ => $"Your registration for {ev.Title} is canceled: you no longer hold a place, and it went to the next person waiting.",
        };
        var mail = Layout.Compose(who.Email, $"Registration canceled: {ev.Title}", "Your registration is canceled",
            [what, "The calendar update in this email removes the event from your calendar."],
            "See the event", invitations.PageUrl(ev), footnote: "Changed your mind? Register again on the event page while places are open.",
            toName: who.Name, messageKey: $"event/{ev.Id}/left/{reg.Id}/{reg.Sequence}");
        return mailer.SendAsync(WithInvitation(mail, EventInvitations.Cancel, invitations.CancelFor(ev, reg, who)), ct);
    }

    public Task ChangedAsync(Event ev, EventRegistration reg, Invitee who, string whatChanged, CancellationToken ct)
    {
        var paragraphs = new List<string>
        {
            string.IsNullOrWhiteSpace(whatChanged) ? $"{ev.Title} has changed." : $"{ev.Title} has changed: {whatChanged.Trim().TrimEnd('.')}.",
            $"When: {EventTimes.When(ev)}",
            Where(ev),
            "The calendar invitation in this email updates the event in your calendar. Your place is kept.",
        };
        var mail = Layout.Compose(who.Email, $"Updated: {ev.Title}", "The event has changed", paragraphs,
            "See the event", invitations.PageUrl(ev), footnote: "Can't come at the new time? Cancel on the event page, so your place goes to the next person waiting.",
            toName: who.Name, messageKey: $"event/{ev.Id}/changed/{reg.Id}/{reg.Sequence}");
        return mailer.SendAsync(WithInvitation(mail, EventInvitations.Request, invitations.RequestFor(ev, reg, who, showJoinLink: false)), ct);
    }

    public Task EventCanceledAsync(Event ev, EventRegistration reg, Invitee who, CancellationToken ct)
    {
        var paragraphs = new List<string> { $"We are sorry: {ev.Title}, planned for {EventTimes.When(ev)}, is canceled." };
        if (!string.IsNullOrWhiteSpace(ev.CancelReason)) paragraphs.Add($"Why: {ev.CancelReason}");
        paragraphs.Add("The calendar update in this email removes the event from your calendar.");
        var mail = Layout.Compose(who.Email, $"Canceled: {ev.Title}", "The event is canceled", paragraphs,
            "See upcoming events", site.Value.Absolute("/events"),
            toName: who.Name, messageKey: $"event/{ev.Id}/canceled/{reg.Id}/{reg.Sequence}");
        return mailer.SendAsync(WithInvitation(mail, EventInvitations.Cancel, invitations.CancelFor(ev, reg, who)), ct);
    }

    /// <summary>The key makes a reminder once per registration, kind and start: a pass repeated after a crash or by a
    /// second instance queues nothing, and a moved event is reminded again.</summary>
    public static string ReminderKey(int eventId, long registrationId, ReminderKind kind, DateTime startsAt) =>
        $"event/{eventId}/reminder/{registrationId}/{(kind == ReminderKind.DayBefore ? "24h" : "1h")}/{startsAt:yyyyMMddHHmm}";

    public OutgoingMail Reminder(Event ev, EventRegistration reg, Invitee who, ReminderKind kind)
    {
        var (subject, heading) = kind == ReminderKind.DayBefore
            ? ($"Tomorrow: {ev.Title}", "Your event is tomorrow")
            : ($"In one hour: {ev.Title}", "Your event starts in an hour");
        var paragraphs = new List<string> { $"A reminder that {ev.Title} takes place {EventTimes.When(ev)}.", Where(ev) };
        if (ev.Kind == EventKind.InPerson)
        {
            paragraphs.Add(reg.TicketCode is { Length: > 0 } code
                ? $"Bring your ticket: the QR code from your confirmation or your account page (code {code})."
                : "Bring your ticket: the QR code from your confirmation or your account page.");
        }
        // The join link is never in a reminder: it opens 15 minutes before the start, on the event page, for those
        // who may still attend then.
        return Layout.Compose(who.Email, subject, heading, paragraphs, "See the event", invitations.PageUrl(ev),
            footnote: "Can't come after all? Cancel on the event page, so your place goes to the next person waiting.",
            toName: who.Name, messageKey: ReminderKey(ev.Id, reg.Id, kind, ev.StartsAt));
    }

    private static string Where(Event ev) => ev.Kind == EventKind.InPerson
        ? $"Where: {string.Join(", ", new[] { ev.VenueName, ev.VenueAddress }.Where(s => !string.IsNullOrWhiteSpace(s)))}"
        : $"Where: online. The join link appears on the event page {EventAccess.JoinOpensBefore.TotalMinutes:0} minutes before the start.";

    private static OutgoingMail WithInvitation(OutgoingMail mail, string method, string ics) =>
        mail with { Calendar = new MailCalendar(method, ics) };

    [GeneratedRegex(@"<p[^>]*>\{\{ticket-qr\}\}</p>")]
    private static partial Regex QrParagraph();

    /// <summary>The ticket's QR as an inline image where the marker paragraph stood; the text part keeps the code alone.</summary>
    private OutgoingMail WithTicket(OutgoingMail mail, Event ev, string code)
    {
        var png = EventTickets.QrPng(site.Value.Absolute(EventTickets.CheckInPath(code)));
        var img = $"""<p style="margin:0 0 16px;"><img src="cid:{QrContentId}" width="200" height="200" alt="Ticket QR code for {System.Net.WebUtility.HtmlEncode(ev.Title)}" style="display:block;width:200px;height:200px;border:0;background:#ffffff;"></p>""";
        return mail with
        {
            Html = QrParagraph().Replace(mail.Html, img, 1),
            Text = mail.Text.Replace(QrMarker + "\n\n", "", StringComparison.Ordinal),
            Attachments = [.. mail.Attachments, new MailAttachment("ticket.png", "image/png", png, QrContentId)],
        };
    }
}
