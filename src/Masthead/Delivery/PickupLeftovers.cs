using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Masthead.Delivery;

/// <summary>At start, deletes the temporary files a killed process left in the pickup folder: the transport writes
/// each message as a hidden ".….tmp" and renames it to ".eml" when complete, so a kill between the two leaves a
/// .tmp (often empty) that nothing will ever finish. Only *.tmp files last written before this process started
/// are touched: a .tmp that is newer belongs to a writer that is still running (another app sharing the folder).</summary>
internal sealed class PickupLeftovers(IOptions<MailOptions> options, ILogger<PickupLeftovers> log) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        var directory = new DirectoryInfo(options.Value.PickupDirectory!);
        if (!directory.Exists) return Task.CompletedTask;
        // File times are the real clock's, so this compares with the real process start, not TimeProvider.
        var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        var removed = 0;
        foreach (var file in directory.EnumerateFiles("*.tmp", SearchOption.TopDirectoryOnly))
        {
            if (!file.Name.EndsWith(".tmp", StringComparison.Ordinal) || file.LastWriteTimeUtc >= started) continue;
            try
            {
                file.Delete();
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.LogWarning(e, "Could not delete the leftover {File} in the pickup folder", file.FullName);
            }
        }
        if (removed > 0) log.LogInformation("Deleted {Count} unfinished .tmp files left in the pickup folder by an earlier process", removed);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
