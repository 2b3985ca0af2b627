using System.Diagnostics;
using System.Text.Json;

namespace Masthead.Tests.Events.Core;

/// <summary>ical.js (Mozilla's parser, what Thunderbird uses), as a second, independent reader of what is sent.
/// Installed once per machine into a temp folder outside the repository with npm; node must be on PATH. A machine
/// without node skips these checks, except under CI=true, where a missing node is a failure.</summary>
internal static class IcalJs
{
    public const string Version = "2.2.1";

    /// <summary>What ical.js read of one VEVENT: times as UTC ISO strings, computed by ical.js from the VTIMEZONE.</summary>
    public sealed record Parsed(string Method, string Uid, int Sequence, string StartUtc, string EndUtc, string StartZone,
        string Summary, string? Location, string? Url, string? Description, string? Status, string? Organizer, string? Attendee,
        string? CalendarName, int EventCount);

    private const string Script = """
        import ICAL from 'ical.js';
        import { readFileSync } from 'node:fs';
        const out = [];
        for (const file of process.argv.slice(2)) {
          const root = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
          for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
          const events = root.getAllSubcomponents('vevent');
          for (const vevent of events) {
            const e = new ICAL.Event(vevent);
            const text = n => { const v = vevent.getFirstPropertyValue(n); return v == null ? null : String(v); };
            out.push({
              method: root.getFirstPropertyValue('method') ?? '',
              uid: e.uid, sequence: e.sequence,
              startUtc: e.startDate.toJSDate().toISOString(), endUtc: e.endDate.toJSDate().toISOString(),
              startZone: e.startDate.timezone ?? e.startDate.zone?.tzid ?? '',
              summary: e.summary, location: e.location, url: text('url'), description: e.description,
              status: text('status'), organizer: text('organizer'), attendee: text('attendee'),
              calendarName: root.getFirstPropertyValue('x-wr-calname'), eventCount: events.length,
            });
          }
        }
        console.log(JSON.stringify(out));
        """;

    private static readonly SemaphoreSlim Install = new(1, 1);

    private static string Folder => Path.Combine(Path.GetTempPath(), $"masthead-icaljs-{Version}");

    /// <summary>Parses each calendar text; skips the test when node is missing (not under CI).</summary>
    public static async Task<IReadOnlyList<Parsed>> ParseAsync(params string[] calendars)
    {
        await EnsureInstalledAsync();
        var files = new List<string>();
        foreach (var ics in calendars)
        {
            var file = Path.Combine(Folder, $"{Guid.NewGuid():n}.ics");
            await File.WriteAllTextAsync(file, ics);
            files.Add(file);
        }
        try
        {
            var (code, stdout, stderr) = await RunAsync("node", [Path.Combine(Folder, "parse.mjs"), .. files], Folder);
            Assert.True(code == 0, $"ical.js failed to parse: {stderr}");
            return JsonSerializer.Deserialize<List<Parsed>>(stdout, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        }
        finally
        {
            foreach (var f in files) File.Delete(f);
        }
    }

    private static async Task EnsureInstalledAsync()
    {
        if (!await HasNodeAsync())
        {
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail("node is required under CI=true for the ical.js checks (apt-get install nodejs npm).");
            Assert.Skip("node is not installed: the independent ical.js checks were skipped (Ical.Net's checks ran).");
        }
        await Install.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            Directory.CreateDirectory(Folder);
            await File.WriteAllTextAsync(Path.Combine(Folder, "parse.mjs"), Script);
            if (File.Exists(Path.Combine(Folder, "node_modules", "ical.js", "package.json"))) return;
            await File.WriteAllTextAsync(Path.Combine(Folder, "package.json"),
                $$"""{ "name": "masthead-icaljs", "private": true, "type": "module", "dependencies": { "ical.js": "{{Version}}" } }""");
            var (code, _, stderr) = await RunAsync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], Folder);
            Assert.True(code == 0, $"npm install ical.js@{Version} failed: {stderr}");
        }
        finally
        {
            Install.Release();
        }
    }

    private static async Task<bool> HasNodeAsync()
    {
        try
        {
            return (await RunAsync("node", ["--version"], Path.GetTempPath())).Code == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string file, string[] args, string directory)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
