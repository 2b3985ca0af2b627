using System.Text;
using Masthead.Data;
using Masthead.Delivery.Outbox;
using Masthead.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Masthead.Delivery;

/// <summary>A rendered message to one recipient. <paramref name="MessageKey"/>, when given, is the outbox row's
/// key: the Message-ID derives from it, and sending the same key twice queues one message (idempotent retries
/// of the caller, e.g. a billing webhook delivered twice). Without it every call queues a new message.</summary>
public sealed record OutgoingMail(string To, string? ToName, string Subject, string Html, string Text, string? MessageKey = null)
{
    /// <summary>An iCalendar invitation (iMIP, RFC 6047): sent as a text/calendar alternative with its METHOD, which
    /// Outlook and Gmail act on, and as an attached invite.ics for clients that only offer attachments.</summary>
    public MailCalendar? Calendar { get; init; }
    /// <summary>Files: attached, or, with a content id, inline images the HTML shows as <c>cid:</c> (multipart/related).</summary>
    public IReadOnlyList<MailAttachment> Attachments { get; init; } = [];
}

/// <param name="Method">REQUEST, CANCEL… as in the calendar's own METHOD property.</param>
/// <param name="Ics">The serialised VCALENDAR.</param>
public sealed record MailCalendar(string Method, string Ics);

/// <param name="ContentId">Set for an inline image the HTML refers to as <c>cid:ContentId</c>; null for an attachment.</param>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content, string? ContentId = null);

/// <summary>A header value that would break out of its header line (CR/LF) or an unusable address.</summary>
public sealed class MailHeaderException(string message) : ArgumentException(message);

/// <summary>Transactional mail (sign-in links, confirmations, receipts): composes the multipart/alternative
/// message with the site's sender and queues it as one outbox row of kind "mail", then wakes the delivery
/// worker. From there it is sent, DKIM-signed, retried and crash-safe like any edition row; see
/// Outbox/README.md. Nothing here talks to SMTP.</summary>
public sealed class Mailer(IServiceScopeFactory scopes, DeliverySignal signal, IOptions<MailOptions> mail,
    IOptions<SiteOptions> site, TimeProvider time)
{
    /// <summary>Transactional rows are queued as due since this instant. Workers claim in NextAttemptAt order, so
    /// a sign-in link overtakes the rest of a million-recipient edition queued before it (it waits for the
    /// batch in flight at most) and the claim still walks the (Status, NextAttemptAt) index. A retried row gets
    /// a real NextAttemptAt (now + backoff) like any other.</summary>
    public static readonly DateTime PriorityDueAt = DateTime.SpecifyKind(new DateTime(2000, 1, 1), DateTimeKind.Utc);

    public const int MaxMessageKeyLength = 200;

    /// <summary>Queues the message; returns once the row is committed. Throws <see cref="MailHeaderException"/>
    /// for a header that cannot be sent (nothing is queued then).</summary>
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        if (mail.MessageKey is { Length: > MaxMessageKeyLength }) throw new ArgumentException("The message key is too long.", nameof(mail));
        var key = mail.MessageKey is { Length: > 0 } given ? given : $"mail/{time.GetUtcNow().UtcDateTime:yyyyMMdd}/{Guid.NewGuid():n}";
        var message = Compose(mail with { MessageKey = key });
        var now = time.GetUtcNow().UtcDateTime;
        var row = new OutboxMessage
        {
            Kind = MailOutboxRenderer.MailKind,
            MessageKey = key,
            ToAddress = message.To.Mailboxes.Single().Address,
            ToName = string.IsNullOrEmpty(mail.ToName) ? null : mail.ToName,
            Payload = Serialize(message),
            Status = OutboxStatus.Queued,
            NextAttemptAt = PriorityDueAt,
            CreatedAt = now,
        };

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
            if (!await db.Outbox.AnyAsync(o => o.MessageKey == key, ct))
            {
                db.Outbox.Add(row);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    // The same key queued concurrently: that message is the one that goes out.
                    db.ChangeTracker.Clear();
                    if (!await db.Outbox.AsNoTracking().AnyAsync(o => o.MessageKey == key, ct)) throw;
                }
            }
        }
        signal.Notify();
    }

    public MimeMessage Compose(OutgoingMail m)
    {
        var o = mail.Value;
        // MimeKit would encode these safely, but a line break here is always a bug or an attack:
        // refuse it loudly rather than send something other than what the caller meant.
        if (HasLineBreak(m.Subject)) throw new MailHeaderException("The subject must not contain line breaks.");
        if (HasLineBreak(m.ToName)) throw new MailHeaderException("The recipient name must not contain line breaks.");
        if (HasLineBreak(o.FromName)) throw new MailHeaderException("The sender name must not contain line breaks.");
        if (string.IsNullOrWhiteSpace(m.Subject)) throw new MailHeaderException("The subject is required.");
        var to = ParseAddress(m.To);

        var now = time.GetUtcNow();
        var message = new MimeMessage
        {
            Subject = m.Subject,
            Date = now,
            MessageId = m.MessageKey is { Length: > 0 } key ? MessageIds.For(key, MessageIds.HostOf(site.Value.BaseUrl)) : RandomMessageId(now),
        };
        MailboxHeaders.Set(message, HeaderId.From, o.FromName, o.FromAddress);
        MailboxHeaders.Set(message, HeaderId.To, m.ToName, to);
        message.Body = Body(m);
        return message;
    }

    private static MimeEntity Body(OutgoingMail m)
    {
        // BodyBuilder puts text first and HTML last: clients show the last part they understand.
        var builder = new BodyBuilder { TextBody = m.Text, HtmlBody = m.Html };
        foreach (var a in m.Attachments)
        {
            var type = ContentType.Parse(a.ContentType);
            if (a.ContentId is { Length: > 0 } cid)
            {
                var inline = builder.LinkedResources.Add(a.FileName, a.Content, type);
                inline.ContentId = cid;
            }
            else builder.Attachments.Add(a.FileName, a.Content, type);
        }
        if (m.Calendar is not { } calendar) return builder.ToMessageBody();

        // multipart/mixed { multipart/alternative { text, html, text/calendar; method=… }, invite.ics, files }:
        // the shape Outlook, Gmail and Apple Mail each recognise as an invitation.
        var bytes = Encoding.UTF8.GetBytes(calendar.Ics);
        var alternative = new MultipartAlternative
        {
            new TextPart("plain") { Text = m.Text },
            builder.LinkedResources.Count > 0 ? RelatedHtml(m.Html, builder) : new TextPart("html") { Text = m.Html },
            CalendarPart(bytes, calendar.Method, attachment: false),
        };
        var mixed = new Multipart("mixed") { alternative, CalendarPart(bytes, calendar.Method, attachment: true) };
        foreach (var a in builder.Attachments) mixed.Add(a);
        return mixed;
    }

    private static MultipartRelated RelatedHtml(string html, BodyBuilder builder)
    {
        var related = new MultipartRelated { new TextPart("html") { Text = html } };
        foreach (var r in builder.LinkedResources) related.Add(r);
        return related;
    }

    private static MimePart CalendarPart(byte[] ics, string method, bool attachment)
    {
        var part = attachment
            ? new MimePart("application", "ics") { FileName = "invite.ics", ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) }
            : new TextPart("calendar");
        part.ContentType.Parameters.Add("method", method);
        part.ContentType.Charset = "utf-8";
        part.Content = new MimeContent(new MemoryStream(ics));
        if (attachment) part.ContentType.Name = "invite.ics";
        return part;
    }

    public static bool HasLineBreak(string? value) => value is not null && value.AsSpan().IndexOfAny('\r', '\n') >= 0;

    /// <summary>The payload is 7-bit MIME (quoted-printable or base64 bodies), so it survives any text column
    /// byte for byte and the DKIM body hash computed at send time matches what the server receives.</summary>
    internal static string Serialize(MimeMessage message)
    {
        message.Prepare(EncodingConstraint.SevenBit);
        using var stream = new MemoryStream();
        message.WriteTo(FormatOptions.Default, stream);
        return Encoding.ASCII.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static string ParseAddress(string? address)
    {
        var a = address?.Trim();
        if (string.IsNullOrEmpty(a) || HasLineBreak(address) || a.Length > 254 || a.Count(c => c == '@') != 1
            || !MailboxAddress.TryParse(a, out var parsed) || parsed.Address != a)
        {
            throw new MailHeaderException("The recipient address is not a valid email address.");
        }
        return a;
    }

    private string RandomMessageId(DateTimeOffset now) =>
        $"{now.UtcDateTime:yyyyMMddHHmmssfff}.{Guid.NewGuid():n}@{MessageIds.HostOf(site.Value.BaseUrl)}";
}
