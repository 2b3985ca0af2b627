using Masthead.Briefings;
using Masthead.Delivery.Outbox;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Masthead.Tests.Delivery;

/// <summary>The "test" kind: a small personalised message with the list headers an edition carries.</summary>
internal sealed class TestRenderer : IOutboxRenderer
{
    public const string TestKind = "test";

    public string Kind => TestKind;

    public Task<MimeMessage> RenderAsync(OutboxMessage row, CancellationToken ct)
    {
        var message = new MimeMessage { Subject = "The Gulf Briefing", Date = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero) };
        message.From.Add(new MailboxAddress("Gulf Desk", "desk@ledger.example"));
        message.To.Add(new MailboxAddress(row.ToName ?? "", row.ToAddress));
        message.Headers.Add("List-Id", "Gulf Briefing <gulf.ledger.example>");
        message.Headers.Add("List-Unsubscribe", $"<https://ledger.example/u/{row.Id}>, <mailto:unsubscribe@ledger.example?subject={row.Id}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Body = new BodyBuilder
        {
            TextBody = $"Good morning {row.ToName}.\nYour link: https://ledger.example/p/{row.Id}\n",
            HtmlBody = $"<p>Good morning {row.ToName}.</p><p><a href=\"https://ledger.example/p/{row.Id}\">Your link</a></p>",
        }.ToMessageBody();
        return Task.FromResult(message);
    }
}

internal static class OutboxTestSupport
{
    public static Dictionary<string, string?> SmtpSettings(int port, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Mail:Transport"] = "Smtp",
            ["Mail:SmtpHost"] = "127.0.0.1",
            ["Mail:SmtpPort"] = port.ToString(),
            ["Mail:SmtpUseStartTls"] = "false",
            ["Delivery:BatchSize"] = "25",
            ["Delivery:Concurrency"] = "3",
            ["Delivery:RetryBaseDelay"] = "00:00:10",
            ["Delivery:MaxAttempts"] = "4",
        };
        foreach (var (k, v) in more ?? []) settings[k] = v;
        return settings;
    }

    public static Task<TestApp> StartAsync(Db db, SmtpFaultSink sink, Dictionary<string, string?>? more = null) =>
        TestApp.StartAsync(db, SmtpSettings(sink.Port, more), s => s.AddSingleton<IOutboxRenderer, TestRenderer>());

    public static string Address(int i) => $"reader{i}@example.test";

    /// <summary>Inserts <paramref name="count"/> queued rows of the test kind, then wakes the worker.</summary>
    public static async Task<List<OutboxMessage>> QueueAsync(TestApp app, int count, string kind = TestRenderer.TestKind)
    {
        var now = app.Time.GetUtcNow().UtcDateTime;
        var rows = Enumerable.Range(0, count).Select(i => new OutboxMessage
        {
            Kind = kind,
            MessageKey = $"test/1/{i}",
            ToAddress = Address(i),
            ToName = $"Reader {i}",
            Status = OutboxStatus.Queued,
            NextAttemptAt = now,
            CreatedAt = now,
        }).ToList();
        await app.WithDbAsync(async d =>
        {
            d.Outbox.AddRange(rows);
            await d.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        app.Services.GetRequiredService<DeliverySignal>().Notify();
        return rows;
    }

    /// <summary>Waits (bounded, 60 s of real time) until no row is Queued or Leased, moving the fake clock
    /// forward a minute at a time so deferred rows come due and the idle worker wakes.</summary>
    public static async Task<List<OutboxMessage>> DrainAsync(TestApp app)
    {
        var ct = TestContext.Current.CancellationToken;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var open = await app.WithDbAsync(d => d.Outbox.CountAsync(o => o.Status == OutboxStatus.Queued || o.Status == OutboxStatus.Leased, ct));
            if (open == 0) break;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{open} outbox rows still open after 60 s");
            await Task.Delay(50, ct);
            // Only move time while nothing is in flight, so a batch never sees its own lease expire.
            var leased = await app.WithDbAsync(d => d.Outbox.CountAsync(o => o.Status == OutboxStatus.Leased, ct));
            if (leased == 0) app.Time.Advance(TimeSpan.FromMinutes(1));
        }
        return await app.WithDbAsync(d => d.Outbox.AsNoTracking().OrderBy(o => o.Id).ToListAsync(ct));
    }

    public static Task<List<Suppression>> SuppressionsAsync(TestApp app) =>
        app.WithDbAsync(d => d.Suppressions.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken));
}
