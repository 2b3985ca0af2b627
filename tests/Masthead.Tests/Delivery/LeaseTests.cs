using Masthead.Delivery.Outbox;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static Masthead.Tests.Delivery.OutboxTestSupport;

namespace Masthead.Tests.Delivery;

/// <summary>Leases are short (Delivery:LeaseDuration, 15 s) and renewed while a batch runs (the heartbeat): a live batch
/// keeps its rows, a batch that lost them stops sending, and `delivery drain` says what it waits for.</summary>
public sealed class LeaseTests
{
    private const int Rows = 6;

    [Theory, ClassData(typeof(Databases))]
    public async Task ARunningBatchRenewsItsLeaseSoNoOtherProcessCanTakeItsRows(Db db)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sink = SmtpFaultSink.Start();
        var gate = new GatedRenderer();
        await using var app = await StartGatedAsync(db, sink, gate);
        var t0 = app.Time.GetUtcNow().UtcDateTime;
        await QueueAsync(app, Rows, GatedRenderer.GatedKind);

        var batch = app.Services.GetRequiredService<DeliveryEngine>().RunBatchAsync(ct);
        await UntilAsync(() => Task.FromResult(gate.Entered > 0), "the batch to start rendering");
        Assert.All(await LeasesAsync(app), l => Assert.Equal(t0.AddSeconds(15), l.Until));

        app.Time.Advance(TimeSpan.FromSeconds(5));
        await UntilAsync(async () => (await LeasesAsync(app)).All(l => l.Until == t0.AddSeconds(20)), "the lease to be renewed to 09:00:20");
        // Past the lease as first claimed: another process finds nothing to take back.
        app.Time.Advance(TimeSpan.FromSeconds(12));
        var takenBack = await app.WithDbAsync(d => new OutboxStore(d).RequeueExpiredAsync(app.Time.GetUtcNow().UtcDateTime, ct));
        gate.Open();
        var report = await batch;

        Assert.Equal(0, takenBack);
        Assert.Equal(Rows, report.Sent);
        Assert.Equal(Rows, sink.DeliveredTotal);
        Assert.All(Enumerable.Range(0, Rows), i => Assert.Equal(1, sink.DeliveredTo(Address(i))));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ABatchThatLostItsLeaseStopsSendingAndLeavesTheTakenRowsToTheirNewHolder(Db db)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sink = SmtpFaultSink.Start();
        var gate = new GatedRenderer();
        await using var app = await StartGatedAsync(db, sink, gate);
        var queued = await QueueAsync(app, Rows, GatedRenderer.GatedKind);

        var batch = app.Services.GetRequiredService<DeliveryEngine>().RunBatchAsync(ct);
        await UntilAsync(() => Task.FromResult(gate.Entered > 0), "the batch to start rendering");
        // What another process does when it takes back rows whose lease ran out and claims them.
        var taken = queued.Take(Rows / 2).Select(r => r.Id).ToList();
        await app.WithDbAsync(d => d.Outbox.Where(o => taken.Contains(o.Id))
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.LeaseOwner, "other-host/7/0"), ct));
        app.Time.Advance(TimeSpan.FromSeconds(5));
        // Bounded: a batch that kept going would wait on the gate; opening it then lets it send what it no longer holds.
        await Task.WhenAny(batch, Task.Delay(TimeSpan.FromSeconds(60), ct));
        gate.Open();
        var report = await batch;

        Assert.Equal(0, report.Sent);
        Assert.Equal(Rows, report.Released);
        Assert.Equal(0, sink.DeliveredTotal);
        var rows = await app.WithDbAsync(d => d.Outbox.AsNoTracking().ToListAsync(ct));
        Assert.All(rows.Where(r => taken.Contains(r.Id)), r => Assert.Equal(("other-host/7/0", OutboxStatus.Leased), (r.LeaseOwner, r.Status)));
        Assert.All(rows.Where(r => !taken.Contains(r.Id)), r => Assert.Equal((null, OutboxStatus.Queued), (r.LeaseOwner, r.Status)));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task DrainSaysItIsWaitingForADeadProcessLeaseThenSendsThoseRows(Db db)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sink = SmtpFaultSink.Start();
        await using var app = await StartAsync(db, sink, new() { ["Delivery:Enabled"] = "false" });
        await QueueAsync(app, 3);
        var until = app.Time.GetUtcNow().UtcDateTime.AddSeconds(15);
        // Left by a sender killed mid-batch.
        await app.WithDbAsync(d => d.Outbox.ExecuteUpdateAsync(u => u
            .SetProperty(o => o.Status, OutboxStatus.Leased).SetProperty(o => o.LeaseOwner, "dead-host/4242/0").SetProperty(o => o.LeaseExpiresAt, until), ct));
        var output = new SharedText();

        var drain = DeliveryCommands.DrainAsync(app.Services, TestConsole.Create(output), ct);
        await UntilAsync(() => Task.FromResult(output.ToString().Contains("waiting for 3 messages leased by another process until 09:00:15 UTC")),
            "the drain to say what it waits for");
        for (var i = 0; i < 120 && !drain.IsCompleted; i++)
        {
            app.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(25, ct);
        }

        Assert.Equal(0, await drain.WaitAsync(TimeSpan.FromSeconds(60), ct));
        Assert.Contains("drained: 3 sent", output.ToString());
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(1, sink.DeliveredTo(Address(i))));
    }

    private static Task<TestApp> StartGatedAsync(Db db, SmtpFaultSink sink, GatedRenderer gate) =>
        TestApp.StartAsync(db, SmtpSettings(sink.Port, new() { ["Delivery:Enabled"] = "false", ["Delivery:BatchSize"] = "50" }),
            s => s.AddSingleton<IOutboxRenderer>(gate));

    private static Task<List<(long Id, DateTime? Until)>> LeasesAsync(TestApp app) =>
        app.WithDbAsync(async d => (await d.Outbox.AsNoTracking().Select(o => new { o.Id, o.LeaseExpiresAt })
            .ToListAsync(TestContext.Current.CancellationToken)).Select(o => (o.Id, o.LeaseExpiresAt)).ToList());

    /// <summary>Polls (bounded, 60 s of real time) until the condition holds.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 1200; i++)
        {
            if (await condition()) return;
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"gave up waiting for {what}");
    }

    /// <summary>Renders like <see cref="TestRenderer"/>, but only once the test opens the gate: holds a batch mid-send.</summary>
    private sealed class GatedRenderer : IOutboxRenderer
    {
        public const string GatedKind = "gated";
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _entered;

        public string Kind => GatedKind;
        public int Entered => Volatile.Read(ref _entered);
        public void Open() => _open.TrySetResult();

        public async Task<MimeMessage> RenderAsync(OutboxMessage row, CancellationToken ct)
        {
            Interlocked.Increment(ref _entered);
            await _open.Task.WaitAsync(ct);
            return await new TestRenderer().RenderAsync(row, ct);
        }
    }

    /// <summary>Console output the test reads while the verb writes it.</summary>
    private sealed class SharedText : StringWriter
    {
        private readonly Lock _lock = new();

        public override void Write(char value) { lock (_lock) base.Write(value); }
        public override void Write(string? value) { lock (_lock) base.Write(value); }
        public override void Write(char[] buffer, int index, int count) { lock (_lock) base.Write(buffer, index, count); }
        public override void Write(ReadOnlySpan<char> buffer) { lock (_lock) base.Write(buffer); }
        public override string ToString() { lock (_lock) return base.ToString(); }
    }
}
