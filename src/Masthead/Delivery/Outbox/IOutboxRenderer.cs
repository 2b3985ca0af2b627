using MimeKit;

namespace Masthead.Delivery.Outbox;

/// <summary>Builds the message for one outbox row of its <see cref="Kind"/>. Registered by the feature
/// that owns the kind (Briefings registers "edition"); called by delivery workers, concurrently, so
/// implementations must be thread-safe and should cache what is shared by many rows (the edition).</summary>
public interface IOutboxRenderer
{
    string Kind { get; }

    Task<MimeMessage> RenderAsync(OutboxMessage row, CancellationToken ct);
}
