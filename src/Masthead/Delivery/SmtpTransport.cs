using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Masthead.Delivery;

/// <summary>Sends through an SMTP relay with MailKit, one connection per message. Pooled connections
/// for bulk sends belong to the outbox workers.</summary>
internal sealed class SmtpTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var o = options.Value;
        var host = o.SmtpHost ?? throw new InvalidOperationException("Mail:SmtpHost is not set.");
        using var client = new SmtpClient();
        // Neither side disables Nagle by default; with delayed ACKs each SMTP round trip would
        // stall ~40 ms. Our own socket lets us set NoDelay before MailKit takes it over.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, o.SmtpPort, ct);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        await client.ConnectAsync(socket, host, o.SmtpPort, SecurityFor(o), ct);
        if (!string.IsNullOrEmpty(o.SmtpUser))
        {
            await client.AuthenticateAsync(o.SmtpUser, o.SmtpPassword ?? "", ct);
        }
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    private static SecureSocketOptions SecurityFor(MailOptions o) => o switch
    {
        { SmtpPort: 465 } => SecureSocketOptions.SslOnConnect,
        { SmtpUseStartTls: true } => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };
}
