using MimeKit;

namespace Masthead.Delivery.Smtp;

public enum SendStatus { Accepted, Transient, Permanent }

/// <summary>The server's answer to one message. Transient: a 4xx reply or a lost connection, try again
/// later. Permanent: a 5xx reply, never retry.</summary>
public readonly record struct SendResult(SendStatus Status, string? Error = null)
{
    public static readonly SendResult Accepted = new(SendStatus.Accepted);
}

/// <summary>Where outbox messages leave the process: an SMTP connection pool, or the pickup folder.
/// Called concurrently by the delivery worker.</summary>
public interface IOutboxSender
{
    Task<SendResult> SendAsync(MimeMessage message, MailboxAddress from, MailboxAddress to, CancellationToken ct);
}
