using Masthead.Site;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Masthead.Delivery;

/// <summary>A rendered message to one recipient. <paramref name="MessageKey"/>, when given, makes the
/// Message-ID stable so a retried send can be recognised as the same message.</summary>
public sealed record OutgoingMail(string To, string? ToName, string Subject, string Html, string Text, string? MessageKey = null);

/// <summary>A header value that would break out of its header line (CR/LF) or an unusable address.</summary>
public sealed class MailHeaderException(string message) : ArgumentException(message);

/// <summary>Composes multipart/alternative messages with the site's sender and hands them to the transport.</summary>
public sealed class Mailer(IMailTransport transport, IOptions<MailOptions> mail, IOptions<SiteOptions> site, TimeProvider time)
{
    public Task SendAsync(OutgoingMail mail, CancellationToken ct) => transport.SendAsync(Compose(mail), ct);

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
            MessageId = MessageIdFor(m.MessageKey, now),
        };
        message.From.Add(new MailboxAddress(o.FromName, o.FromAddress));
        message.To.Add(new MailboxAddress(m.ToName ?? "", to));
        // BodyBuilder puts text first and HTML last: clients show the last part they understand.
        message.Body = new BodyBuilder { TextBody = m.Text, HtmlBody = m.Html }.ToMessageBody();
        return message;
    }

    public static bool HasLineBreak(string? value) => value is not null && value.AsSpan().IndexOfAny('\r', '\n') >= 0;

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

    private string MessageIdFor(string? key, DateTimeOffset now)
    {
        var domain = Uri.TryCreate(site.Value.BaseUrl, UriKind.Absolute, out var uri) ? uri.IdnHost : "localhost";
        var local = key is { Length: > 0 }
            ? new string(key.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-').ToArray())
            : $"{now.UtcDateTime:yyyyMMddHHmmssfff}.{Guid.NewGuid():n}";
        return $"{local}@{domain}";
    }
}
