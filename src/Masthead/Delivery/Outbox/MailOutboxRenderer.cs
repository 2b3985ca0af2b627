using System.Text;
using MimeKit;

namespace Masthead.Delivery.Outbox;

/// <summary>The "mail" kind: the row's Payload is a complete MIME message, rendered when it was queued
/// (transactional mail that should survive a crash and be retried like any other row).</summary>
internal sealed class MailOutboxRenderer : IOutboxRenderer
{
    public const string MailKind = "mail";

    public string Kind => MailKind;

    public async Task<MimeMessage> RenderAsync(OutboxMessage row, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(row.Payload)) throw new InvalidOperationException("A mail row has no payload.");
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(row.Payload));
        return await MimeMessage.LoadAsync(stream, ct);
    }
}
