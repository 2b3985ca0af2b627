using Masthead.Data;
using Masthead.Delivery.Dkim;
using Masthead.Delivery.Smtp;
using Masthead.Site;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Masthead.Delivery.Outbox;

/// <summary>Counts of one batch, for logs and the CLI.</summary>
public readonly record struct BatchReport(int Claimed, int Sent, int Deferred, int Bounced, int Failed, int Suppressed, int Released);

/// <summary>One turn of the delivery loop: claim a batch, render, stamp and sign each row, send through the
/// pool, record every outcome. An accepted row is recorded Sent before its connection carries another message
/// (<see cref="SentRecorder"/>), and the lease is renewed while the batch runs (<see cref="LeaseHeartbeat"/>), so
/// a kill repeats at most one message per connection and its rows come back within Delivery:LeaseDuration
/// (see README.md).</summary>
public sealed class DeliveryEngine(
    IServiceScopeFactory scopes,
    IEnumerable<IOutboxRenderer> renderers,
    IOutboxSender sender,
    MessageSigner signer,
    IOptions<DeliveryOptions> options,
    IOptions<SiteOptions> site,
    IOptions<MailOptions> mail,
    TimeProvider time,
    ILogger<DeliveryEngine> log)
{
    private readonly Dictionary<string, IOutboxRenderer> _renderers =
        renderers.GroupBy(r => r.Kind, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
    private readonly string _host = MessageIds.HostOf(site.Value.BaseUrl);
    private readonly string[] _kinds = renderers.Select(r => r.Kind).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Written to LeaseOwner: which process holds a row.</summary>
    public string Owner { get; } = $"{Environment.MachineName[..Math.Min(50, Environment.MachineName.Length)]}/{Environment.ProcessId}/{Guid.NewGuid():n}";

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Claims and delivers one batch. <paramref name="stopClaiming"/> (shutdown) prevents a new claim and
    /// gives the batch in flight Delivery:ShutdownWait to finish; rows not sent by then are released. So are they
    /// when the lease is lost or recording fails: the batch stops sending at once.</summary>
    public async Task<BatchReport> RunBatchAsync(CancellationToken stopClaiming)
    {
        var o = options.Value;
        List<OutboxMessage> rows;
        HashSet<long> suppressed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var store = new OutboxStore(scope.ServiceProvider.GetRequiredService<MastheadDb>());
            var now = Now;
            await store.RequeueExpiredAsync(now, stopClaiming);
            rows = await store.ClaimAsync(Owner, _kinds, o.BatchSize, now, now + o.LeaseDuration, stopClaiming);
            if (rows.Count == 0) return default;
            suppressed = await store.SuppressedAmongAsync(rows.Select(r => r.Id).ToArray(), CancellationToken.None);
        }

        var results = new RowResult[rows.Count];
        using var abort = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        await using var onStop = stopClaiming.Register(() => abort.CancelAfter(o.ShutdownWait));
        // A message holds one of these from the moment it goes to the server until it is recorded (or refused): at
        // most Concurrency accepted-but-unrecorded messages exist at any instant, one per connection.
        using var onTheWire = new SemaphoreSlim(o.Concurrency, o.Concurrency);
        var recorder = new SentRecorder(scopes, Owner, rows.Select(r => r.Id), time, log, abort.Cancel);
        await using (recorder)
        await using (new LeaseHeartbeat(recorder, o, time, log, abort.Cancel))
        {
            try
            {
                // More workers than connections, so the next messages are rendered and signed while others wait on the wire.
                await Parallel.ForEachAsync(Enumerable.Range(0, rows.Count),
                    new ParallelOptions { MaxDegreeOfParallelism = o.Concurrency * 2, CancellationToken = abort.Token },
                    async (i, ct) => results[i] = await DeliverAsync(rows[i], suppressed.Contains(rows[i].Id), recorder, onTheWire, ct));
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                log.LogWarning("Delivery stopped mid-batch; unsent rows are released.");
            }
        }
        for (var i = 0; i < rows.Count; i++)
        {
            if (results[i].Id == 0) results[i] = new RowResult(rows[i].Id, rows[i].ToAddress, rows[i].Attempts, SendOutcome.Released);
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            var store = new OutboxStore(scope.ServiceProvider.GetRequiredService<MastheadDb>());
            // Not cancellable: what the server accepted must be written down. Sent rows the recorder committed are done;
            // the rest (other outcomes, and accepted rows whose group commit failed) are written here.
            var unrecorded = results.Where(r => r.Outcome != SendOutcome.Sent || !recorder.IsRecorded(r.Id)).ToList();
            await store.RecordAsync(Owner, unrecorded, Now, CancellationToken.None);
        }
        return Report(results);
    }

    private async Task<RowResult> DeliverAsync(OutboxMessage row, bool isSuppressed, SentRecorder recorder, SemaphoreSlim onTheWire,
        CancellationToken ct)
    {
        if (isSuppressed) return Result(row, SendOutcome.Suppressed);
        if (!_renderers.TryGetValue(row.Kind, out var renderer))
        {
            return Result(row, SendOutcome.Released);
        }
        MimeMessage message;
        MailboxAddress to;
        try
        {
            to = new MailboxAddress(row.ToName ?? "", row.ToAddress);
            message = await renderer.RenderAsync(row, ct);
            Stamp(message, row, to);
            signer.Sign(message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A template or data problem: retried like a deferral (it may be fixed), then Failed.
            log.LogWarning(e, "Rendering outbox row {Id} failed", row.Id);
            return Defer(row, $"render: {e.Message}");
        }
        var from = message.Sender ?? message.From.Mailboxes.FirstOrDefault() ?? new MailboxAddress(mail.Value.FromName, mail.Value.FromAddress);
        await onTheWire.WaitAsync(ct);
        try
        {
            var result = await sender.SendAsync(message, from, to, ct);
            switch (result.Status)
            {
                case SendStatus.Accepted:
                    // Not cancellable: the server has it. A false result (the commit failed) stops the batch, and the
                    // final record writes this row.
                    await recorder.RecordAsync(row.Id);
                    return Result(row, SendOutcome.Sent);
                case SendStatus.Permanent:
                    return Result(row, SendOutcome.Bounced, result.Error);
                default:
                    return Defer(row, result.Error);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Sending outbox row {Id} failed", row.Id);
            return Defer(row, $"send: {e.Message}");
        }
        finally
        {
            onTheWire.Release();
        }
    }

    /// <summary>The deterministic Message-ID and the key header (which DSNs quote back to us).</summary>
    private void Stamp(MimeMessage message, OutboxMessage row, MailboxAddress to)
    {
        message.MessageId = MessageIds.For(row.MessageKey, _host);
        message.Headers.Remove(MessageIds.KeyHeader);
        message.Headers.Add(MessageIds.KeyHeader, row.MessageKey);
        if (message.To.Count == 0) message.To.Add(to);
    }

    private RowResult Defer(OutboxMessage row, string? error)
    {
        var o = options.Value;
        var attempts = row.Attempts + 1;
        if (attempts >= o.MaxAttempts) return Result(row, SendOutcome.Failed, $"gave up after {attempts} attempts: {error}");
        return Result(row, SendOutcome.Deferred, error, Now + Backoff(attempts, o));
    }

    /// <summary>base × 2^(n−1), capped, then "equal jitter" (between half and all of it) so a burst of
    /// deferrals from one provider does not come back as a burst.</summary>
    internal static TimeSpan Backoff(int attempts, DeliveryOptions o)
    {
        var exponential = o.RetryBaseDelay.TotalSeconds * Math.Pow(2, Math.Min(attempts - 1, 30));
        var capped = Math.Min(exponential, o.RetryMaxDelay.TotalSeconds);
        return TimeSpan.FromSeconds(capped * (0.5 + Random.Shared.NextDouble() * 0.5));
    }

    private static RowResult Result(OutboxMessage row, SendOutcome outcome, string? error = null, DateTime? next = null) =>
        new(row.Id, row.ToAddress, row.Attempts, outcome, error, next);

    private static BatchReport Report(RowResult[] results) => new(
        results.Length,
        results.Count(r => r.Outcome == SendOutcome.Sent),
        results.Count(r => r.Outcome == SendOutcome.Deferred),
        results.Count(r => r.Outcome == SendOutcome.Bounced),
        results.Count(r => r.Outcome == SendOutcome.Failed),
        results.Count(r => r.Outcome == SendOutcome.Suppressed),
        results.Count(r => r.Outcome == SendOutcome.Released));
}
