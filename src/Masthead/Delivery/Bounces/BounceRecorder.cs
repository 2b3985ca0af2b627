using Masthead.Briefings;
using Masthead.Data;
using Masthead.Delivery.Outbox;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Masthead.Delivery.Bounces;

/// <summary>Turns permanent failures in a DSN into suppressions, and marks the outbox row it names Bounced.
/// Temporary failures (4.x.x) change nothing: the receiving server is still trying.</summary>
public sealed class BounceRecorder(MastheadDb db, TimeProvider time)
{
    public async Task<int> RecordAsync(MimeMessage dsn, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var store = new OutboxStore(db);
        var recorded = 0;
        foreach (var report in BounceParser.Parse(dsn).Where(r => r.Permanent))
        {
            var detail = $"DSN {report.Status} {report.Diagnostic}".Trim();
            await store.AddSuppressionAsync(report.Recipient, SuppressionReason.HardBounce, detail, now, ct);
            if (report.MessageKey is { } key)
            {
                var error = detail.Length > 1000 ? detail[..1000] : detail;
                await db.Outbox.Where(o => o.MessageKey == key && o.ToAddress.ToLower() == report.Recipient)
                    .ExecuteUpdateAsync(u => u.SetProperty(o => o.Status, OutboxStatus.Bounced).SetProperty(o => o.LastError, error), ct);
            }
            recorded++;
        }
        return recorded;
    }
}
