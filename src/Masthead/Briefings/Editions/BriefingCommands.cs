using System.CommandLine;
using Masthead.Data;
using Masthead.Operations;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Masthead.Briefings.Editions;

/// <summary>`briefings send --edition ID` or `--list SLUG`: sends (or resumes) an edition and shows the
/// outbox draining. Enqueueing is idempotent, so running it again on a half-sent edition only watches
/// (and adds any recipient rows an interrupted enqueue missed). Bounded by --timeout (seconds; 0 = do
/// not watch). The delivery workers run in the web process; this verb does not send mail itself.</summary>
internal static class BriefingCommands
{
    private static readonly HashSet<string> SendOptions = ["edition", "list", "timeout"];

    internal static Command Verbs() => new("briefings", "Briefing editions")
    {
        new Verb("send", "Send (or resume) an edition and show the outbox draining; give either --edition or --list",
            (services, args, console) => SendAsync(services, args, console))
        {
            new Option<long>("--edition") { HelpName = "ID", Description = "The edition to send, or to resume if it is already sending" },
            VerbOptions.Text("--list", "SLUG", "The briefing whose open edition to send (one is prepared from its rules if none is open)"),
            new Option<int>("--timeout") { HelpName = "SECONDS", Description = "How long to watch the send; 0 = do not watch [default: 600]" },
        },
    };

    public static async Task<int> SendAsync(IServiceProvider services, string[] args, IAnsiConsole console, CancellationToken ct = default)
    {
        var options = Cli.ParseOptions(args, SendOptions, out var error);
        long editionId = 0;
        var timeout = 600;
        error ??= options!.ContainsKey("edition") == options.ContainsKey("list") ? "Give either --edition ID or --list SLUG."
            : options.TryGetValue("edition", out var e) && !long.TryParse(e, out editionId) ? $"'{e}' is not an edition id."
            : options.TryGetValue("timeout", out var t) && (!int.TryParse(t, out timeout) || timeout < 0) ? $"'{t}' is not a number of seconds."
            : null;
        if (error is not null)
        {
            console.MarkupLineInterpolated($"[red]{error}[/]");
            Cli.PrintUsage(console);
            return Cli.BadInput;
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
            var sender = scope.ServiceProvider.GetRequiredService<EditionSender>();
            if (options!.TryGetValue("list", out var slug))
            {
                var list = await db.BriefingLists.AsNoTracking().FirstOrDefaultAsync(l => l.Slug == slug, ct);
                if (list is null) return Fail($"There is no briefing '{slug}'.");
                // Before preparing, so a refused send leaves no new draft behind.
                if (scope.ServiceProvider.GetRequiredService<Delivery.Dkim.FromAlignment>().BulkRefusal(list.FromAddress) is { } refused)
                {
                    return Fail(refused);
                }
                var open = await db.Editions.Where(x => x.ListId == list.Id && x.Status == EditionStatus.Draft).Select(x => (long?)x.Id).FirstOrDefaultAsync(ct);
                editionId = open ?? (await scope.ServiceProvider.GetRequiredService<EditionBuilder>().PrepareAsync(list, keepEmpty: true, ct)).Id;
            }
            var edition = await db.Editions.AsNoTracking().Where(x => x.Id == editionId).Select(x => new { x.Status, x.ListId, x.Subject }).FirstOrDefaultAsync(ct);
            if (edition is null) return Fail($"There is no edition {editionId}.");
            if (edition.Status is EditionStatus.Draft or EditionStatus.Scheduled)
            {
                var result = await sender.SendNowAsync(editionId, ct);
                if (!result.Ok) return Fail(result.Error!);
                console.MarkupLineInterpolated($"Edition {editionId} “{edition.Subject}” queued for {result.Recipients} recipient(s).");
            }
            else if (edition.Status == EditionStatus.Sending)
            {
                var recipients = await sender.EnqueueAsync(editionId, edition.ListId, ct);
                console.MarkupLineInterpolated($"Edition {editionId} is already sending to {recipients} recipient(s); resuming.");
            }
            else if (edition.Status == EditionStatus.Canceled) return Fail($"Edition {editionId} was canceled.");
        }
        return await WatchAsync(services, editionId, TimeSpan.FromSeconds(timeout), console, ct);

        int Fail(string message)
        {
            console.MarkupLineInterpolated($"[red]{message}[/]");
            return Cli.BadInput;
        }
    }

    private static async Task<int> WatchAsync(IServiceProvider services, long editionId, TimeSpan timeout, IAnsiConsole console, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        var engine = services.GetRequiredService<Delivery.Outbox.DeliveryEngine>();
        OutboxCounts counts = await CountsAsync(services, editionId, ct);
        if (timeout > TimeSpan.Zero && !counts.Done)
        {
            await console.Progress().AutoClear(false).StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"Edition {editionId}", maxValue: Math.Max(counts.Total, 1));
                while (true)
                {
                    task.Value = counts.Final;
                    task.Description = $"Edition {editionId}: {counts.Sent} sent, {counts.Queued + counts.Leased} waiting";
                    if (counts.Done || DateTime.UtcNow >= deadline) break;
                    // The CLI sends by itself, in batches through the same engine the web workers use; a running
                    // web process may claim rows too, and leases keep the two from sending the same row.
                    var report = await engine.RunBatchAsync(ct);
                    if (report.Claimed == 0) await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
                    counts = await CountsAsync(services, editionId, ct);
                }
            });
        }
        if (counts.Done)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<EditionSender>().CompleteFinishedAsync(ct, editionId);
        }
        console.MarkupLineInterpolated(
            $"Sent {counts.Sent}, bounced {counts.Bounced}, failed {counts.Failed}, suppressed {counts.Suppressed}, waiting {counts.Queued + counts.Leased} of {counts.Total}.");
        if (!counts.Done)
        {
            console.MarkupLine("Not finished (timeout, or deliveries deferred for a retry): run this again to resume.");
        }
        return Cli.Ok;
    }

    private static async Task<OutboxCounts> CountsAsync(IServiceProvider services, long editionId, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EditionSender>().CountsAsync(editionId, ct);
    }
}
