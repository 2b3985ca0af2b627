using Masthead.Briefings;
using Masthead.Delivery.Outbox;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Masthead.Tests.Delivery.OutboxTestSupport;

namespace Masthead.Tests.Delivery;

/// <summary>The delivery worker against a real SMTP server in the same process.</summary>
public sealed class OutboxDeliveryTests
{
    [Theory, ClassData(typeof(Databases))]
    public async Task EveryQueuedRecipientReceivesExactlyOneMessageWithItsDeterministicMessageId(Db db)
    {
        await using var sink = SmtpFaultSink.Start();
        await using var app = await StartAsync(db, sink);
        var queued = await QueueAsync(app, 60);

        var rows = await DrainAsync(app);

        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
        Assert.All(rows, r => Assert.NotNull(r.SentAt));
        Assert.Equal(60, sink.Received.Count);
        foreach (var row in queued)
        {
            Assert.Equal(1, sink.DeliveredTo(row.ToAddress));
            var message = Assert.Single(sink.Received, m => m.To.Mailboxes.Single().Address == row.ToAddress);
            Assert.Equal(MessageIds.For(row.MessageKey, "localhost"), message.MessageId);
            Assert.Equal(row.MessageKey, message.Headers[MessageIds.KeyHeader]);
            Assert.Contains($"/p/{row.Id}", message.TextBody);
        }
        Assert.Equal(60, sink.Received.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public void TheMessageIdDependsOnlyOnTheKeyAndTheHost()
    {
        Assert.Equal(MessageIds.For("edition/4/7", "ledger.example"), MessageIds.For("edition/4/7", "ledger.example"));
        Assert.NotEqual(MessageIds.For("edition/4/7", "ledger.example"), MessageIds.For("edition/4/8", "ledger.example"));
        Assert.Matches("^[0-9a-f]{32}@ledger.example$", MessageIds.For("edition/4/7", "ledger.example"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TemporaryRepliesAreRetriedWithBackoffUntilDelivered(Db db)
    {
        await using var sink = SmtpFaultSink.Start();
        sink.Faults = (to, attempt) => to switch
        {
            _ when to == Address(1) && attempt <= 2 => SinkFault.Reply451,
            _ when to == Address(2) && attempt <= 1 => SinkFault.Reply421,
            _ when to == Address(3) && attempt <= 3 => SinkFault.Reply451,
            _ => SinkFault.None,
        };
        await using var app = await StartAsync(db, sink);
        await QueueAsync(app, 10);

        var rows = await DrainAsync(app);

        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.Equal(3, rows.Single(r => r.ToAddress == Address(1)).Attempts);
        Assert.Equal(2, rows.Single(r => r.ToAddress == Address(2)).Attempts);
        Assert.Equal(4, rows.Single(r => r.ToAddress == Address(3)).Attempts);
        Assert.Equal(1, rows.Single(r => r.ToAddress == Address(0)).Attempts);
        for (var i = 0; i < 10; i++) Assert.Equal(1, sink.DeliveredTo(Address(i)));
        Assert.Equal(3, sink.AttemptsTo(Address(1)));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task RetriesStopAfterMaxAttemptsAndTheRowFails(Db db)
    {
        await using var sink = SmtpFaultSink.Start();
        sink.Faults = (to, _) => to == Address(0) ? SinkFault.Reply451 : SinkFault.None;
        await using var app = await StartAsync(db, sink);
        await QueueAsync(app, 3);

        var rows = await DrainAsync(app);

        var failed = rows.Single(r => r.ToAddress == Address(0));
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Equal(4, failed.Attempts);
        Assert.Contains("451", failed.LastError);
        Assert.Equal(4, sink.AttemptsTo(Address(0)));
        Assert.Equal(0, sink.DeliveredTo(Address(0)));
        Assert.Equal(1, sink.DeliveredTo(Address(1)));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task APermanentRejectionBouncesAndSuppressesTheAddressWithoutRetrying(Db db)
    {
        await using var sink = SmtpFaultSink.Start();
        sink.Faults = (to, _) => to == Address(1) ? SinkFault.Reply550 : SinkFault.None;
        await using var app = await StartAsync(db, sink);
        await QueueAsync(app, 4);

        var rows = await DrainAsync(app);
        app.Time.Advance(TimeSpan.FromDays(1));
        rows = await DrainAsync(app);

        var bounced = rows.Single(r => r.ToAddress == Address(1));
        Assert.Equal(OutboxStatus.Bounced, bounced.Status);
        Assert.Equal(1, bounced.Attempts);
        Assert.Equal(1, sink.AttemptsTo(Address(1)));
        var suppression = Assert.Single(await SuppressionsAsync(app));
        Assert.Equal(Address(1), suppression.Email);
        Assert.Equal(SuppressionReason.HardBounce, suppression.Reason);
        Assert.Contains("550", suppression.Detail);
        Assert.Equal(3, rows.Count(r => r.Status == OutboxStatus.Sent));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AConnectionDroppedMidDataIsRetriedAndNothingIsLost(Db db)
    {
        await using var sink = SmtpFaultSink.Start();
        sink.Faults = (to, attempt) => (to == Address(2) || to == Address(7)) && attempt == 1 ? SinkFault.DropMidData : SinkFault.None;
        await using var app = await StartAsync(db, sink);
        await QueueAsync(app, 12);

        var rows = await DrainAsync(app);

        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        for (var i = 0; i < 12; i++) Assert.Equal(1, sink.DeliveredTo(Address(i)));
        Assert.Equal(2, rows.Single(r => r.ToAddress == Address(2)).Attempts);
        Assert.Equal(2, sink.AttemptsTo(Address(7)));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AnAddressSuppressedAfterQueueingIsNeverSent(Db db)
    {
        await using var sink = SmtpFaultSink.Start();
        await using var app = await StartAsync(db, sink, new() { ["Delivery:Enabled"] = "false" });
        var now = app.Time.GetUtcNow().UtcDateTime;
        await QueueAsync(app, 5);
        await app.WithDbAsync(async d =>
        {
            d.Suppressions.Add(new Suppression { Email = Address(3), Reason = SuppressionReason.UnsubscribedAll, CreatedAt = now });
            await d.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        var engine = app.Services.GetService(typeof(DeliveryEngine)) as DeliveryEngine;
        var report = await engine!.RunBatchAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new BatchReport(5, 4, 0, 0, 0, 1, 0), report);
        var rows = await DrainAsync(app);
        Assert.Equal(OutboxStatus.Suppressed, rows.Single(r => r.ToAddress == Address(3)).Status);
        Assert.Equal(0, sink.AttemptsTo(Address(3)));
        Assert.Equal(4, sink.Received.Count);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task UnsubscribingFromEverythingStopsListMailButNotTransactionalMailWhileABounceStopsBoth(Db db)
    {
        await using var sink = SmtpFaultSink.Start();
        await using var app = await StartAsync(db, sink, new() { ["Delivery:Enabled"] = "false" });
        var now = app.Time.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async d =>
        {
            d.Suppressions.Add(new Suppression { Email = "left@example.test", Reason = SuppressionReason.UnsubscribedAll, CreatedAt = now });
            d.Suppressions.Add(new Suppression { Email = "bounced@example.test", Reason = SuppressionReason.HardBounce, CreatedAt = now });
            await d.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        var mailer = (Masthead.Delivery.Mailer)app.Services.GetService(typeof(Masthead.Delivery.Mailer))!;
        foreach (var to in new[] { "left@example.test", "bounced@example.test" })
        {
            await mailer.SendAsync(new Masthead.Delivery.OutgoingMail(to, null, "Your sign-in link", "<p>link</p>", "link"), TestContext.Current.CancellationToken);
        }

        await app.DeliverQueuedAsync();

        Assert.Equal(1, sink.DeliveredTo("left@example.test"));
        Assert.Equal(0, sink.AttemptsTo("bounced@example.test"));
        var rows = await app.WithDbAsync(d => d.Outbox.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(OutboxStatus.Suppressed, rows.Single(r => r.ToAddress == "bounced@example.test").Status);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ARowOfAKindNoRendererKnowsIsLeftQueuedForAWorkerThatKnowsIt(Db db)
    {
        await using var sink = SmtpFaultSink.Start();
        await using var app = await StartAsync(db, sink);
        await QueueAsync(app, 1, kind: "newer-kind");

        var engine = (DeliveryEngine)app.Services.GetService(typeof(DeliveryEngine))!;
        Assert.Equal(0, (await engine.RunBatchAsync(TestContext.Current.CancellationToken)).Claimed);

        var row = Assert.Single(await app.WithDbAsync(d => d.Outbox.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken)));
        Assert.Equal(OutboxStatus.Queued, row.Status);
        Assert.Equal(0, row.Attempts);
        Assert.Empty(sink.Received);
    }

    [Fact]
    public void BackoffGrowsExponentiallyWithJitterAndIsCapped()
    {
        var o = new DeliveryOptions { RetryBaseDelay = TimeSpan.FromMinutes(1), RetryMaxDelay = TimeSpan.FromHours(1) };
        for (var i = 0; i < 50; i++)
        {
            var third = DeliveryEngine.Backoff(3, o);
            Assert.InRange(third, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4));
            Assert.InRange(DeliveryEngine.Backoff(20, o), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1));
        }
    }
}
