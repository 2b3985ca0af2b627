using System.Collections.Concurrent;
using System.Diagnostics;
using Masthead.Delivery.Outbox;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Delivery;

/// <summary>The real app binary (`Masthead.dll delivery drain`) sends 20,000 queued messages to a sink in
/// this process and is killed with SIGKILL at random points, then started again on the same database.
/// Nobody may be missed; a duplicate may only come from a message in flight at a kill: accepted by the sink but
/// not yet recorded Sent, which the engine allows for at most one message per connection.</summary>
public sealed class CrashRecoveryTests
{
    private const int Recipients = 20_000;
    private const int BatchSize = 100;
    private const int Concurrency = 4;

    [Theory, ClassData(typeof(Databases))]
    public async Task KillingTheSenderAtRandomPointsLosesNobodyAndRepeatsAtMostOneMessagePerConnection(Db db)
    {
        var ct = TestContext.Current.CancellationToken;
        var output = TestContext.Current.TestOutputHelper;
        await using var sink = SmtpFaultSink.Start(keepMessages: false);
        await using var app = await TestApp.StartAsync(db, new() { ["Delivery:Enabled"] = "false" });
        await app.WithDbAsync(d => d.Database.ExecuteSqlRawAsync(QueueSql, [Recipients, app.Time.GetUtcNow().UtcDateTime, "\r\n"], ct));

        var seed = Environment.TickCount;
        var random = new Random(seed);
        var kills = random.Next(3, 6);
        // Kill points spread over the send, as counts of messages the sink has accepted.
        var points = Enumerable.Range(0, kills)
            .Select(k => (long)(Recipients * (0.08 + 0.8 * (k + random.NextDouble()) / kills)))
            .ToArray();
        var inFlightAtKills = new List<int>();
        var counted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var childLines = new ConcurrentQueue<string>();

        foreach (var point in points)
        {
            using var child = StartChild(app, sink.Port, childLines);
            var deadline = Stopwatch.StartNew();
            while (sink.DeliveredTotal < point && !child.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(40))
            {
                await Task.Delay(2, ct);
            }
            Assert.False(child.HasExited, $"the sender exited before the kill point {point} (exit code {(child.HasExited ? child.ExitCode : 0)})");
            Assert.True(sink.DeliveredTotal >= point, $"the sender did not reach {point} messages within 40 s");
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync(ct);
            // In flight at the kill: accepted by the sink, not recorded Sent. Only these may be sent twice. A row left so by
            // an earlier kill and not claimed again since (claims among equally due rows come in no set order) is not
            // counted again.
            var open = await app.WithDbAsync(d => d.Outbox.Where(o => o.Status != OutboxStatus.Sent).Select(o => o.ToAddress).ToListAsync(ct));
            var inFlight = open.Count(a => sink.DeliveredTo(a) > 0 && counted.Add(a));
            var leased = await app.WithDbAsync(d => d.Outbox.CountAsync(o => o.Status == OutboxStatus.Leased, ct));
            inFlightAtKills.Add(inFlight);
            output?.WriteLine($"kill {inFlightAtKills.Count} at {sink.DeliveredTotal} accepted: {leased} rows leased, {inFlight} of them accepted but not recorded");
        }

        using (var last = StartChild(app, sink.Port, childLines))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(90));
            await last.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, last.ExitCode);
        }

        var statuses = await app.WithDbAsync(d => d.Outbox.GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct));
        var missing = Enumerable.Range(0, Recipients).Count(i => sink.DeliveredTo(Address(i)) == 0);
        var duplicates = Enumerable.Range(0, Recipients).Sum(i => Math.Max(0, sink.DeliveredTo(Address(i)) - 1));
        foreach (var line in childLines.Where(l => l.StartsWith("waiting for", StringComparison.Ordinal))) output?.WriteLine($"drain: {line}");
        output?.WriteLine($"{db}, seed {seed}: {kills} kills; {sink.DeliveredTotal} messages accepted for {Recipients} recipients; missing {missing}");
        output?.WriteLine($"in flight at the kills: {string.Join(" + ", inFlightAtKills)} = {inFlightAtKills.Sum()}; duplicates {duplicates} "
            + $"(bound {kills} kills × {Concurrency} connections = {kills * Concurrency})");

        Assert.Equal(0, missing);
        Assert.Equal(Recipients, Assert.Single(statuses, s => s.Key == OutboxStatus.Sent).Count);
        Assert.All(inFlightAtKills, n => Assert.True(n <= Concurrency, $"{n} accepted messages were unrecorded at a kill, more than one per connection"));
        Assert.True(duplicates <= inFlightAtKills.Sum(), $"{duplicates} duplicates but only {inFlightAtKills.Sum()} messages were in flight at the kills");
        Assert.True(duplicates <= kills * Concurrency, $"{duplicates} duplicates after {kills} kills over {Concurrency} connections");
    }

    private static string Address(int i) => $"crash{i}@example.test";

    /// <summary>Rows of the built-in "mail" kind, each with its own small pre-rendered message ({2} is CRLF; the SQL
    /// runs on both providers).</summary>
    private const string QueueSql = """
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {0})
        INSERT INTO "Outbox" ("Kind", "MessageKey", "ToAddress", "Payload", "Status", "Attempts", "NextAttemptAt", "CreatedAt")
        SELECT 'mail', 'crash/' || i, 'crash' || i || '@example.test',
            'From: Desk <desk@ledger.example>' || {2} || 'To: crash' || i || '@example.test' || {2}
            || 'Subject: Crash test' || {2} || 'MIME-Version: 1.0' || {2}
            || 'Content-Type: text/plain; charset=utf-8' || {2} || {2} || 'Hello reader ' || i || {2},
            0, 0, {1}, {1}
        FROM n
        """;

    private static Process StartChild(TestApp app, int smtpPort, ConcurrentQueue<string> lines)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Masthead.dll");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = app.DataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("delivery");
        info.ArgumentList.Add("drain");
        var env = info.Environment;
        env["DOTNET_ENVIRONMENT"] = env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["Storage__DataDirectory"] = app.DataDirectory;
        env["Database__Provider"] = app.Database.ToString();
        if (app.PostgresConnection is { } connection) env["Database__ConnectionString"] = connection;
        env["Demo__Enabled"] = "false";
        env["Site__BaseUrl"] = "http://localhost";
        env["Mail__Transport"] = "Smtp";
        env["Mail__SmtpHost"] = "127.0.0.1";
        env["Mail__SmtpPort"] = smtpPort.ToString();
        env["Mail__SmtpUseStartTls"] = "false";
        env["Delivery__BatchSize"] = BatchSize.ToString();
        env["Delivery__Concurrency"] = Concurrency.ToString();
        // A killed sender's rows come back after this long (real time: the child has the system clock); the live
        // sender renews its lease three times as often.
        env["Delivery__LeaseDuration"] = "00:00:03";
        env["Delivery__LeaseRenewInterval"] = "00:00:01";
        env["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the sender");
        // Read continuously so a full pipe never blocks the child.
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) lines.Enqueue(line); };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
