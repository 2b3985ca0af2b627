using Masthead.Data;
using Masthead.Delivery.Outbox;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Masthead.Delivery.Bounces;

/// <summary>Reads inbound mail (DSNs and mailto: unsubscribes, see Inbound/InboundMail) dropped as .eml files
/// into {DataDirectory}/bounces (by a mail hook, fetchmail, a cron job) and moves each to bounces/processed
/// once handled, so nothing is read twice.</summary>
internal sealed class BounceFolderWorker(IServiceScopeFactory scopes, IOptions<StorageOptions> storage,
    IOptions<DeliveryOptions> options, TimeProvider time, ILogger<BounceFolderWorker> log) : BackgroundService
{
    public string Folder => Path.Combine(storage.Value.DataDirectory, "bounces");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        try
        {
            do
            {
                try
                {
                    await ProcessFolderAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "Reading the bounce folder failed");
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Processes every .eml present now; returns how many files were handled.</summary>
    public async Task<int> ProcessFolderAsync(CancellationToken ct)
    {
        if (!Directory.Exists(Folder)) return 0;
        var processed = Path.Combine(Folder, "processed");
        var handled = 0;
        foreach (var file in Directory.EnumerateFiles(Folder, "*.eml").Order(StringComparer.Ordinal).Take(1000).ToArray())
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                MimeMessage message;
                await using (var stream = File.OpenRead(file)) message = await MimeMessage.LoadAsync(stream, ct);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<Inbound.InboundMail>().ProcessAsync(message, ct);
            }
            catch (FormatException e)
            {
                log.LogWarning(e, "Bounce file {File} is not a MIME message; moved aside", file);
            }
            Directory.CreateDirectory(processed);
            File.Move(file, Path.Combine(processed, Path.GetFileName(file)), overwrite: true);
            handled++;
        }
        return handled;
    }
}
