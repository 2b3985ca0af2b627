using System.Diagnostics;
using Masthead.Accounts;
using Masthead.Data;
using Masthead.Delivery;
using Masthead.Delivery.Outbox;
using Masthead.Events;
using Masthead.Membership;
using Masthead.Site;
using Masthead.Tests.Delivery;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// dotnet run -c Release --project bench/Masthead.ReminderBench -- [--registrants 10000] [--postgres "Host=…;Database=postgres"]
//   [--concurrency 8] [--batch 500]
// Queues the day-before reminders of one event with N confirmed registrants through the reminders pass (one outbox row
// each, through Mailer), then delivers them through the outbox to an in-process SMTP sink on loopback.
int Arg(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } v ? int.Parse(v) : fallback;
var registrants = Arg("--registrants", 10_000);
var concurrency = Arg("--concurrency", 8);
var batch = Arg("--batch", 500);
var server = args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault();

var dataDirectory = Path.Combine(Path.GetTempPath(), $"masthead-reminderbench-{Guid.NewGuid():n}");
Directory.CreateDirectory(dataDirectory);
string? postgresDatabase = null, connection = null;
if (server is not null)
{
    postgresDatabase = $"masthead_reminderbench_{Guid.NewGuid():n}"[..40];
    await using var admin = new NpgsqlConnection(server);
    await admin.OpenAsync();
    await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{postgresDatabase}\"", admin)) await create.ExecuteNonQueryAsync();
    connection = new NpgsqlConnectionStringBuilder(server) { Database = postgresDatabase }.ConnectionString;
}

await using var sink = SmtpFaultSink.Start(keepMessages: false);
sink.TrackRecipients = false;
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = dataDirectory, EnvironmentName = "Production" });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Storage:DataDirectory"] = dataDirectory,
    ["Database:Provider"] = connection is null ? "Sqlite" : "Postgres",
    ["Database:ConnectionString"] = connection,
    ["Site:BaseUrl"] = "https://ledger.example",
    ["Mail:Transport"] = "Smtp",
    ["Mail:SmtpHost"] = "127.0.0.1",
    ["Mail:SmtpPort"] = sink.Port.ToString(),
    ["Mail:SmtpUseStartTls"] = "false",
    ["Delivery:Concurrency"] = concurrency.ToString(),
    ["Delivery:BatchSize"] = batch.ToString(),
    ["Delivery:RetryBaseDelay"] = "00:00:02",
    ["Events:Reminders:BatchSize"] = "500",
    ["Logging:LogLevel:Default"] = "Warning",
});
builder.Services.AddSingleton(TimeProvider.System);
builder.AddData();
builder.AddSite();
builder.AddAccounts();
builder.AddDelivery();
builder.AddMembership();
builder.AddEvents();
var app = builder.Build(); // not started: the pass and the delivery engine are driven from here
await app.PrepareDatabaseAsync();

var clock = Stopwatch.StartNew();
var now = DateTime.UtcNow;
var start = now.AddHours(23); // the day-before reminder is due
int eventId;
await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
    var ev = new Event
    {
        Slug = "bench-live-qa", Title = "Gulf energy outlook: live Q&A", Kind = EventKind.LiveQa, TimeZoneId = "Europe/Berlin",
        StartsAt = start, EndsAt = start.AddHours(1), VideoUrl = "https://video.example/room", PublishedAt = now.AddDays(-1),
        CreatedAt = now, UpdatedAt = now, ConfirmedCount = registrants,
    };
    db.Add(ev);
    await db.SaveChangesAsync();
    eventId = ev.Id;
    for (var from = 0; from < registrants; from += 1000)
    {
        var users = Enumerable.Range(from, Math.Min(1000, registrants - from)).Select(i => new User
        {
            UserName = $"member{i}@example{i % 50}.test", NormalizedUserName = $"MEMBER{i}@EXAMPLE{i % 50}.TEST",
            Email = $"member{i}@example{i % 50}.test", NormalizedEmail = $"MEMBER{i}@EXAMPLE{i % 50}.TEST",
            DisplayName = $"Member {i}", EmailConfirmed = true, SecurityStamp = Guid.NewGuid().ToString("n"), CreatedAt = now,
        }).ToList();
        db.AddRange(users);
        db.AddRange(users.Select(u => new EventRegistration
        {
            EventId = eventId, UserId = u.Id, Status = RegistrationStatus.Confirmed, CreatedAt = now, QueuedAt = now, ConfirmedAt = now, Sequence = 1,
        }));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}
Console.WriteLine($"Masthead reminder benchmark: {registrants:N0} confirmed registrants, {(connection is null ? "SQLite" : "PostgreSQL")}, "
    + $"{concurrency} SMTP connections, batches of {batch}, {Environment.ProcessorCount} cores");
Console.WriteLine($"seeded in {clock.Elapsed.TotalSeconds:F1} s");

clock.Restart();
ReminderPassReport report;
await using (var scope = app.Services.CreateAsyncScope())
{
    report = await scope.ServiceProvider.GetRequiredService<EventReminders>().RunPassAsync(CancellationToken.None);
}
var queueTime = clock.Elapsed;
Console.WriteLine($"queue: {report.Queued:N0} reminders in {queueTime.TotalSeconds:F1} s = {report.Queued / queueTime.TotalSeconds:N0} msgs/s");

clock.Restart();
await using (var scope = app.Services.CreateAsyncScope())
{
    var again = await scope.ServiceProvider.GetRequiredService<EventReminders>().RunPassAsync(CancellationToken.None);
    Console.WriteLine($"second pass (event already reminded): {again.Queued} queued in {clock.Elapsed.TotalMilliseconds:F0} ms");
}

var engine = app.Services.GetRequiredService<DeliveryEngine>();
clock.Restart();
var deadline = Stopwatch.StartNew();
while (sink.DeliveredTotal < report.Queued && deadline.Elapsed < TimeSpan.FromMinutes(10))
{
    var b = await engine.RunBatchAsync(CancellationToken.None);
    if (b.Claimed == 0) await Task.Delay(50);
}
var deliverTime = clock.Elapsed;
await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
    var sent = await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Sent && o.MessageKey.StartsWith($"event/{eventId}/reminder/"));
    Console.WriteLine($"deliver: {sink.DeliveredTotal:N0} received by the sink ({sent:N0} rows Sent) in {deliverTime.TotalSeconds:F1} s = {sink.DeliveredTotal / deliverTime.TotalSeconds:N0} msgs/s");
}
var total = queueTime + deliverTime;
Console.WriteLine($"queue + deliver: {total.TotalSeconds:F1} s = {report.Queued / total.TotalSeconds:N0} msgs/s end to end");
Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:F0} MB");

await app.DisposeAsync();
if (postgresDatabase is not null)
{
    NpgsqlConnection.ClearAllPools();
    await using var admin = new NpgsqlConnection(server);
    await admin.OpenAsync();
    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresDatabase}\" WITH (FORCE)", admin);
    await drop.ExecuteNonQueryAsync();
}
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
return 0;
