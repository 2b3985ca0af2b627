using MimeKit;

namespace Masthead.Delivery.Smtp;

/// <summary>Mail:Transport = Pickup: each outbox message becomes an .eml file in the pickup folder, so a
/// fresh install sees its editions in the admin mailbox without an SMTP server.</summary>
internal sealed class PickupSender(PickupFolderTransport pickup) : IOutboxSender
{
    public async Task<SendResult> SendAsync(MimeMessage message, MailboxAddress from, MailboxAddress to, CancellationToken ct)
    {
        await pickup.SendAsync(message, ct);
        return SendResult.Accepted;
    }
}
