using MimeKit;

namespace Masthead.Delivery;

/// <summary>The edge where mail leaves the app: a pickup folder locally, SMTP in production.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}
