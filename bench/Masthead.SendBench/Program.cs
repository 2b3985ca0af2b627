using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using System.Diagnostics;
using System.Security.Cryptography;
using Masthead.Data;
using Masthead.Delivery;
using Masthead.Delivery.Outbox;
using Masthead.Briefings;
using Masthead.Briefings.Editions;
using Masthead.Content;
using Masthead.Site;
using Masthead.SendBench;
using Masthead.Tests.Delivery;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// dotnet run -c Release --project bench/Masthead.SendBench -- --recipients 100000 [--postgres "Host=…;Database=postgres"]
//   [--concurrency 8] [--batch 500] [--no-dkim] [--raw 50000]
var options = Args.Parse(args);
var dataDirectory = Path.Combine(Path.GetTempPath(), $"masthead-sendbench-{Guid.NewGuid():n}");
Directory.CreateDirectory(dataDirectory);
string? postgresDatabase = null;
string? connection = null;
if (options.Postgres is { } server)
{
    postgresDatabase = $"masthead_sendbench_{Guid.NewGuid():n}"[..40];
    await using var admin = new NpgsqlConnection(server);
    await admin.OpenAsync();
    await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{postgresDatabase}\"", admin)) await create.ExecuteNonQueryAsync();
    connection = new NpgsqlConnectionStringBuilder(server) { Database = postgresDatabase }.ConnectionString;
}

await using var sink = SmtpFaultSink.Start(keepMessages: false);
sink.TrackRecipients = false;
var keyPath = Path.Combine(dataDirectory, "dkim.pem");
using (var rsa = RSA.Create(2048)) await File.WriteAllTextAsync(keyPath, rsa.ExportRSAPrivateKeyPem());

var settings = new Dictionary<string, string?>
{
    ["Storage:DataDirectory"] = dataDirectory,
    ["Database:Provider"] = connection is null ? "Sqlite" : "Postgres",
    ["Database:ConnectionString"] = connection,
    ["Site:BaseUrl"] = "https://ledger.example",
    ["Mail:Transport"] = "Smtp",
    ["Mail:SmtpHost"] = "127.0.0.1",
    ["Mail:SmtpPort"] = sink.Port.ToString(),
    ["Mail:SmtpUseStartTls"] = "false",
    ["Delivery:Concurrency"] = options.Concurrency.ToString(),
    ["Delivery:BatchSize"] = options.Batch.ToString(),
    ["Delivery:PollInterval"] = "00:00:01",
    // A deferred row (the sink, starved of CPU, occasionally times out) comes back within seconds.
    ["Delivery:RetryBaseDelay"] = "00:00:02",
    ["Logging:LogLevel:Default"] = "Warning",
    ["urls"] = "http://127.0.0.1:0",
};
if (options.Dkim)
{
    settings["Mail:Dkim:Domain"] = "ledger.example";
    settings["Mail:Dkim:Selector"] = "bench";
    settings["Mail:Dkim:PrivateKeyPath"] = keyPath;
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = dataDirectory, EnvironmentName = "Production" });
builder.Configuration.AddInMemoryCollection(settings);
builder.Services.AddSingleton(TimeProvider.System);
// The real modules: the edition renderer, templates, signed subscriber links and delivery worker the site runs.
builder.AddData();
builder.AddSite();
builder.AddDelivery();
builder.AddContent();
builder.AddBriefings();
var app = builder.Build();
await app.PrepareDatabaseAsync();
var seedClock = Stopwatch.StartNew();
var editionId = await Seed.SubscribersAsync(app.Services, args.Contains("--stages") ? 10 : options.Recipients);
var seedTime = seedClock.Elapsed;
var renderer = app.Services.GetServices<IOutboxRenderer>().OfType<EditionRenderer>().Single();
OutboxMessage Row(long i) => new()
{
    Kind = OutboxWriter.EditionKind, EditionId = editionId.Edition, SubscriberId = i, ToAddress = $"reader{i}@example{i % 50}.test",
    ToName = $"Reader {i}", MessageKey = OutboxWriter.EditionMessageKey(editionId.Edition, i),
};
async Task<MimeKit.MimeMessage> RenderAsync(long i)
{
    var message = await renderer.RenderAsync(Row(i), CancellationToken.None);
    message.MessageId = $"bench.{i}@ledger.example";
    return message;
}

Console.WriteLine($"Masthead send benchmark: {options.Recipients:N0} recipients, {(connection is null ? "SQLite" : "PostgreSQL")}, "
    + $"{options.Concurrency} connections, batches of {options.Batch}, DKIM {(options.Dkim ? "RSA-2048" : "off")}, {Environment.ProcessorCount} cores");
var sample = await RenderAsync(1);
using (var measure = new MemoryStream()) { sample.WriteTo(measure); Console.WriteLine($"message size: {measure.Length / 1024.0:F1} KB"); }

if (args.Contains("--stages"))
{
    // CPU time of this process per message for each stage, single-threaded: less sensitive than wall time to
    // other work on the machine.
    var signer = app.Services.GetRequiredService<Masthead.Delivery.Dkim.MessageSigner>();
    const int n = 2000;
    var process = Process.GetCurrentProcess();
    var cpu = process.TotalProcessorTime;
    void Stage(string? name)
    {
        process.Refresh();
        var now = process.TotalProcessorTime;
        if (name is not null) Console.WriteLine($"{name}: {(now - cpu).TotalMilliseconds / n:F3} ms CPU/msg");
        cpu = now;
    }
    // The first round warms up the JIT (tiered compilation); the second is the one reported.
    for (var round = 0; round < 2; round++)
    {
        var report = round == 1;
        var msgs = new List<MimeKit.MimeMessage>(n);
        Stage(null);
        for (var i = 0; i < n; i++) msgs.Add(await RenderAsync(i + 1));
        Stage(report ? "render" : null);
        foreach (var m in msgs) m.Prepare(MimeKit.EncodingConstraint.SevenBit);
        Stage(report ? "prepare" : null);
        foreach (var m in msgs) signer.Sign(m);
        Stage(report ? "sign (canonicalise, hash, RSA)" : null);
        foreach (var m in msgs) m.WriteTo(Stream.Null);
        Stage(report ? "write" : null);
    }
    using var rsa2 = RSA.Create(2048);
    var digest = new byte[32];
    for (var i = 0; i < n; i++) rsa2.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    Stage("RSA-2048 signature alone");
    return 0;
}
Console.WriteLine($"seeded {options.Recipients:N0} subscribers and an edition of 18 articles in {seedTime.TotalSeconds:F1} s");
var clock = Stopwatch.StartNew();

clock.Restart();
int queued;
await using (var scope = app.Services.CreateAsyncScope())
{
    queued = await scope.ServiceProvider.GetRequiredService<OutboxWriter>().EnqueueEditionAsync(editionId.Edition, editionId.List, CancellationToken.None);
}
Console.WriteLine($"queued {queued:N0} outbox rows in {clock.Elapsed.TotalSeconds:F1} s (one INSERT … SELECT)");

// The host (and so the real delivery worker, as in the web process) starts only now, so that queueing
// and sending are timed apart.
clock.Restart();
GC.Collect();
// Seeding a million subscribers through EF Core is set-up, not sending: report its peak apart, then (on Linux)
// reset the kernel's high-water mark so the figure below is the send's own.
var seedPeak = Process.GetCurrentProcess().PeakWorkingSet64;
var sendPeakOnly = ResetPeakWorkingSet();
await app.StartAsync();
var lastPrint = TimeSpan.Zero;
while (true)
{
    await Task.Delay(sink.DeliveredTotal >= queued * 0.99 ? 200 : 1000);
    // Done when no row is queued or in flight (a bounced row is done too, so do not wait on the sink's count).
    if (await OpenRowsAsync(app.Services) == 0) break;
    if (clock.Elapsed - lastPrint > TimeSpan.FromSeconds(10))
    {
        lastPrint = clock.Elapsed;
        Console.WriteLine($"  {clock.Elapsed.TotalSeconds,6:F0} s: {sink.DeliveredTotal:N0} accepted ({sink.DeliveredTotal / clock.Elapsed.TotalSeconds:F0}/s)");
    }
    if (clock.Elapsed > TimeSpan.FromHours(1)) throw new TimeoutException("the send did not finish within an hour");
}
var sendTime = clock.Elapsed;
await app.StopAsync();
var peak = Process.GetCurrentProcess().PeakWorkingSet64;
var sent = await SentRowsAsync(app.Services);
var retried = await RetriedRowsAsync(app.Services);
var rate = queued / sendTime.TotalSeconds;
Console.WriteLine($"outbox: {sent:N0} rows Sent ({retried:N0} after a retry, {queued - sent:N0} not sent), {sink.DeliveredTotal:N0} messages accepted in {sendTime.TotalSeconds:F1} s = {rate:F0} messages/s");
Console.WriteLine(sendPeakOnly
    ? $"peak working set during the send: {peak / 1024 / 1024} MB (the in-process SMTP sink included); before it, seeding and queueing peaked at {seedPeak / 1024 / 1024} MB"
    : $"peak working set: {peak / 1024 / 1024} MB (the in-process SMTP sink included, seeding too: this system cannot reset the mark)");

var raw = await RawMailKit.RunAsync(sample, sink.Port, options.Concurrency, options.RawCount);
Console.WriteLine($"raw MailKit, pre-rendered unsigned, {options.Concurrency} connections: {options.RawCount:N0} messages in {raw.TotalSeconds:F1} s = {options.RawCount / raw.TotalSeconds:F0} messages/s");
Console.WriteLine($"ratio outbox/raw: {rate / (options.RawCount / raw.TotalSeconds):F2}");

await app.DisposeAsync();
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
if (postgresDatabase is not null)
{
    NpgsqlConnection.ClearAllPools();
    await using var admin = new NpgsqlConnection(options.Postgres);
    await admin.OpenAsync();
    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresDatabase}\" WITH (FORCE)", admin);
    await drop.ExecuteNonQueryAsync();
}
Directory.Delete(dataDirectory, recursive: true);
return 0;

// Linux: writing 5 to /proc/self/clear_refs resets the peak resident set size (VmHWM) that PeakWorkingSet64 reads.
static bool ResetPeakWorkingSet()
{
    try
    {
        File.WriteAllText("/proc/self/clear_refs", "5");
        return true;
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        return false;
    }
}

static async Task<int> OpenRowsAsync(IServiceProvider services)
{
    await using var scope = services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
    return await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Queued || o.Status == OutboxStatus.Leased);
}

static async Task<int> RetriedRowsAsync(IServiceProvider services)
{
    await using var scope = services.CreateAsyncScope();
    return await scope.ServiceProvider.GetRequiredService<MastheadDb>().Outbox.CountAsync(o => o.Attempts > 1);
}

static async Task<int> SentRowsAsync(IServiceProvider services)
{
    await using var scope = services.CreateAsyncScope();
    return await scope.ServiceProvider.GetRequiredService<MastheadDb>().Outbox.CountAsync(o => o.Status == OutboxStatus.Sent);
}

internal sealed record Args(int Recipients, string? Postgres, int Concurrency, int Batch, bool Dkim, int RawCount)
{
    public static Args Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var recipients = int.Parse(Value("--recipients") ?? "100000");
        return new Args(recipients, Value("--postgres"), int.Parse(Value("--concurrency") ?? "8"), int.Parse(Value("--batch") ?? "500"),
            !args.Contains("--no-dkim"), int.Parse(Value("--raw") ?? Math.Min(recipients, 50_000).ToString()));
    }
}
