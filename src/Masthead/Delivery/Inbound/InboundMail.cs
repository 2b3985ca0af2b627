using Masthead.Delivery.Bounces;
using MimeKit;

namespace Masthead.Delivery.Inbound;

/// <summary>What one inbound message did.</summary>
public readonly record struct InboundResult(int HardBounces, int Unsubscribes);

/// <summary>Every message that reaches us by the two inbound inputs (POST /api/v1/bounces and the
/// {DataDirectory}/bounces folder): unsubscribe requests to the mailto: address, and DSNs. One MTA route
/// for everything addressed back to the site is simpler to operate than one per purpose; a message is
/// checked for both, and a message that is neither changes nothing.</summary>
public sealed class InboundMail(MailtoUnsubscribes unsubscribes, BounceRecorder bounces)
{
    public async Task<InboundResult> ProcessAsync(MimeMessage message, CancellationToken ct)
    {
        var unsubscribed = await unsubscribes.ProcessAsync(message, ct);
        var bounced = await bounces.RecordAsync(message, ct);
        return new InboundResult(bounced, unsubscribed);
    }
}

public static class InboundMailModule
{
    public static IServiceCollection AddInboundMail(this IServiceCollection services) =>
        services.AddScoped<MailtoUnsubscribes>().AddScoped<InboundMail>();
}
