using Masthead.Briefings.Templates;
using Masthead.Data;
using Masthead.Delivery;
using Masthead.Delivery.Dkim;
using Masthead.Delivery.Outbox;
using Masthead.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Masthead.Briefings.Editions;

public sealed record SendResult(bool Ok, string? Error, int Recipients = 0)
{
    public static SendResult Fail(string error) => new(false, error);
}

public sealed record OutboxCounts(int Queued, int Leased, int Sent, int Bounced, int Failed, int Suppressed)
{
    public int Total => Queued + Leased + Sent + Bounced + Failed + Suppressed;
    public int Final => Total - Queued - Leased;
    public bool Done => Queued + Leased == 0;
}

/// <summary>Sends, schedules and tests editions. Sending fixes the recipients: in one transaction the
/// status moves to Sending (a conditional update, so two clicks or two instances send once) and the
/// outbox gets one row per confirmed active unsuppressed subscriber. The delivery workers do the rest.</summary>
public sealed class EditionSender(MastheadDb db, OutboxWriter outbox, EditionComposer composer, IMailTransport transport,
    MessageSigner signer, FromAlignment alignment, IOptions<SiteOptions> site, TimeProvider time,
    Microsoft.AspNetCore.OutputCaching.IOutputCacheStore cache, DeliverySignal signal, ILogger<EditionSender> logger)
{
    public async Task<SendResult> SendNowAsync(long editionId, CancellationToken ct)
    {
        var e = await db.Editions.AsNoTracking().Where(x => x.Id == editionId)
            .Select(x => new { x.Status, x.ListId, x.List!.TimeZone, x.List.FromAddress, Items = x.Items.Count }).FirstOrDefaultAsync(ct);
        if (e is null) return SendResult.Fail("There is no such edition.");
        if (e.Status is not (EditionStatus.Draft or EditionStatus.Scheduled)) return SendResult.Fail("This edition has already been sent or canceled.");
        if (e.Items == 0) return SendResult.Fail("Add at least one article before sending.");
        if (alignment.BulkRefusal(e.FromAddress) is { } refused) return SendResult.Fail(refused);
        // Render once before committing to anything: a template that cannot render stops here, not in the workers.
        if (await TryRenderAsync(editionId, ct) is { } renderError) return SendResult.Fail(renderError);

        var now = time.GetUtcNow().UtcDateTime;
        var archiveDate = DateOnly.FromDateTime(Zones.ToLocal(now, e.TimeZone));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Editions
            .Where(x => x.Id == editionId && (x.Status == EditionStatus.Draft || x.Status == EditionStatus.Scheduled))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, EditionStatus.Sending).SetProperty(x => x.SentAt, now)
                .SetProperty(x => x.ArchiveDate, archiveDate).SetProperty(x => x.SendAt, (DateTime?)null).SetProperty(x => x.UpdatedAt, now), ct);
        if (claimed == 0) return SendResult.Fail("This edition has already been sent or canceled.");
        var recipients = await EnqueueAsync(editionId, e.ListId, ct);
        await tx.CommitAsync(ct);
        signal.Notify();
        // The archive lists the edition from now on.
        await cache.EvictByTagAsync(SiteModule.ContentCacheTag, ct);
        logger.LogInformation("Edition {EditionId} queued for {Recipients} recipient(s)", editionId, recipients);
        return new SendResult(true, null, recipients);
    }

    /// <summary>Enqueues again (adds nothing for rows already written) and refreshes the recipient count:
    /// how the CLI resumes an edition whose enqueue was interrupted.</summary>
    public async Task<int> EnqueueAsync(long editionId, int listId, CancellationToken ct)
    {
        await outbox.EnqueueEditionAsync(editionId, listId, ct);
        var recipients = await db.Outbox.CountAsync(m => m.EditionId == editionId, ct);
        await db.Editions.Where(x => x.Id == editionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.RecipientCount, recipients), ct);
        return recipients;
    }

    public async Task<SendResult> ScheduleAsync(long editionId, DateTime sendAtUtc, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (sendAtUtc <= now) return SendResult.Fail("Choose a time in the future.");
        var hasItems = await db.EditionItems.AnyAsync(i => i.EditionId == editionId, ct);
        if (!hasItems) return SendResult.Fail("Add at least one article before scheduling.");
        // Refused now rather than when the time comes, when nobody is there to read why.
        var from = await db.Editions.Where(x => x.Id == editionId).Select(x => x.List!.FromAddress).FirstOrDefaultAsync(ct);
        if (from is not null && alignment.BulkRefusal(from) is { } refused) return SendResult.Fail(refused);
        var changed = await db.Editions.Where(x => x.Id == editionId && (x.Status == EditionStatus.Draft || x.Status == EditionStatus.Scheduled))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, EditionStatus.Scheduled).SetProperty(x => x.SendAt, sendAtUtc)
                .SetProperty(x => x.UpdatedAt, now), ct);
        return changed == 1 ? new SendResult(true, null) : SendResult.Fail("Only a draft can be scheduled.");
    }

    public async Task<bool> CancelScheduleAsync(long editionId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Editions.Where(x => x.Id == editionId && x.Status == EditionStatus.Scheduled)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, EditionStatus.Draft).SetProperty(x => x.SendAt, (DateTime?)null)
                .SetProperty(x => x.UpdatedAt, now), ct) == 1;
    }

    /// <summary>Renders the edition for one editor and sends it at once through the transport, not the
    /// outbox, DKIM-signed like the edition's own messages, so what the editor's provider says about it (DMARC pass or
    /// fail, inbox or spam) holds for the readers'. Personal links point at the public briefings page: a test must not
    /// carry anyone's real token. For the same reason it has no List-Unsubscribe headers: a one-click POST from the
    /// editor's mail client could unsubscribe nobody, and the editor is not necessarily a subscriber.</summary>
    public async Task<SendResult> SendTestAsync(long editionId, string toAddress, string? toName, CancellationToken ct)
    {
        if (await TryRenderAsync(editionId, ct) is { } renderError) return SendResult.Fail(renderError);
        var rendered = (await composer.LoadAsync(db, editionId, ct))!;
        var message = rendered.ToMessage(toAddress, toName, PreviewPersonal(toName, toAddress), listUnsubscribeMailto: null, null,
            time.GetUtcNow(), "[TEST] ");
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(MessageIds.HostOf(site.Value.BaseUrl));
        signer.Sign(message);
        await transport.SendAsync(message, ct);
        return new SendResult(true, null, 1);
    }

    /// <summary>Null when the edition renders; otherwise why not, for the editor.</summary>
    private async Task<string?> TryRenderAsync(long editionId, CancellationToken ct)
    {
        try
        {
            return await composer.LoadAsync(db, editionId, ct) is null ? "There is no such edition." : null;
        }
        catch (Exception e) when (e is InvalidOperationException or Fluid.ParseException)
        {
            return $"The edition cannot be rendered: {e.Message} Correct the briefing's templates.";
        }
    }

    public Personal PreviewPersonal(string? name, string email)
    {
        var briefings = site.Value.Absolute("/briefings");
        return new Personal(name?.Trim() ?? "", email, briefings, briefings, briefings);
    }

    public async Task<OutboxCounts> CountsAsync(long editionId, CancellationToken ct)
    {
        var rows = await db.Outbox.AsNoTracking().Where(m => m.EditionId == editionId)
            .GroupBy(m => m.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        int Of(OutboxStatus s) => rows.FirstOrDefault(r => r.Status == s)?.Count ?? 0;
        return new OutboxCounts(Of(OutboxStatus.Queued), Of(OutboxStatus.Leased), Of(OutboxStatus.Sent), Of(OutboxStatus.Bounced),
            Of(OutboxStatus.Failed), Of(OutboxStatus.Suppressed));
    }

    /// <summary>Marks Sending editions Sent once none of their rows waits or is in flight (every row settled: sent,
    /// bounced, failed or suppressed). The scheduler asks on every pass; the edition page and `briefings send` ask for
    /// their edition as soon as they see it settled, so it never reads "Sending" after the last row is done.</summary>
    public async Task<int> CompleteFinishedAsync(CancellationToken ct, long? editionId = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var sending = db.Editions.Where(x => x.Status == EditionStatus.Sending);
        if (editionId is { } id) sending = sending.Where(x => x.Id == id);
        return await sending
            .Where(x => !db.Outbox.Any(m => m.EditionId == x.Id && (m.Status == OutboxStatus.Queued || m.Status == OutboxStatus.Leased)))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, EditionStatus.Sent).SetProperty(x => x.UpdatedAt, now), ct);
    }
}
