using System.Diagnostics;
using System.Text.RegularExpressions;
using Masthead.Delivery.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Masthead.Tests.Support;

/// <summary>Reads what the app "sent" from its pickup folder (<c>app.MailDirectory</c>), the way a
/// reader finds a magic link in their inbox. Mail goes through the outbox, so it lands a moment after the
/// action: wait for it with <see cref="WaitForAsync"/>, and before asserting that nothing (or exactly N
/// messages) arrived, let the outbox empty with <see cref="DeliverQueuedAsync"/>.</summary>
public static partial class Mailbox
{
    [GeneratedRegex(@"https?://[^\s<>""']+")]
    private static partial Regex LinkPattern();

    /// <summary>All messages, newest first.</summary>
    public static IReadOnlyList<MimeMessage> All(string mailDirectory)
    {
        if (!Directory.Exists(mailDirectory)) return [];
        return new DirectoryInfo(mailDirectory).EnumerateFiles("*.eml")
            .OrderByDescending(f => f.LastWriteTimeUtc).ThenByDescending(f => f.Name)
            .Select(f => MimeMessage.Load(f.FullName))
            .ToList();
    }

    /// <summary>All messages to an address (case-insensitive), newest first.</summary>
    public static IReadOnlyList<MimeMessage> To(string mailDirectory, string to) =>
        All(mailDirectory).Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase))).ToList();

    public static MimeMessage? Latest(string mailDirectory, string to) => To(mailDirectory, to).FirstOrDefault();

    /// <summary>The first link in the text part whose URL contains <paramref name="pathContains"/>.</summary>
    public static string? FindLink(MimeMessage m, string pathContains) =>
        LinkPattern().Matches(m.TextBody ?? "").Select(match => match.Value)
            .FirstOrDefault(link => link.Contains(pathContains, StringComparison.Ordinal));

    /// <summary>Path and query of a link, for an HttpClient whose base address is the test server.</summary>
    public static string PathAndQuery(string link) => new Uri(link).PathAndQuery;

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Polls the folder until a message to <paramref name="to"/> (matching <paramref name="predicate"/>, if
    /// given) is there; returns the newest such message. Fails with what the folder does hold after
    /// <paramref name="timeout"/> (default <see cref="DefaultTimeout"/>).</summary>
    public static async Task<MimeMessage> WaitForAsync(string mailDirectory, string to, Func<MimeMessage, bool>? predicate = null,
        TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var found = To(mailDirectory, to).FirstOrDefault(m => predicate is null || predicate(m));
            if (found is not null) return found;
            if (clock.Elapsed > limit)
            {
                var held = All(mailDirectory).Select(m => $"{string.Join(",", m.To.Mailboxes.Select(a => a.Address))}: {m.Subject}").ToList();
                throw new TimeoutException($"No message to {to}{(predicate is null ? "" : " matching the condition")} arrived within {limit.TotalSeconds:0.#} s. "
                    + $"The pickup folder holds {held.Count}: [{string.Join("; ", held)}]. Is the delivery worker running (Delivery:Enabled)?");
            }
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Delivers everything the outbox can send now, so a test can then assert what arrived (or that
    /// nothing did). Runs the delivery engine itself, so it also works with Delivery:Enabled=false; with the
    /// worker running it waits until the rows the worker holds are recorded. Rows deferred to later stay.</summary>
    public static async Task DeliverQueuedAsync(this TestApp app, TimeSpan? timeout = null)
    {
        var engine = app.Services.GetRequiredService<DeliveryEngine>();
        var ct = TestContext.Current.CancellationToken;
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var report = await engine.RunBatchAsync(ct);
            if (report.Claimed > 0) continue;
            var now = app.Time.GetUtcNow().UtcDateTime;
            var pending = await app.WithDbAsync(d => d.Outbox.CountAsync(
                o => o.Status == OutboxStatus.Leased || o.Status == OutboxStatus.Queued && o.NextAttemptAt <= now, ct));
            if (pending == 0) return;
            if (clock.Elapsed > limit) throw new TimeoutException($"{pending} outbox rows were still due or leased after {limit.TotalSeconds:0.#} s.");
            await Task.Delay(25, ct);
        }
    }
}
