using System.ComponentModel.DataAnnotations;
using Masthead.Data;
using Masthead.Site;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Content.Publishing;

public sealed class PublishingOptions
{
    public const string Section = "Publishing";

    /// <summary>How often due scheduled articles are marked published.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Keeps statuses truthful: flips Scheduled articles whose time has come to Published.
/// Readers never wait for it (Article.VisibleAt already counts a due Scheduled article as visible);
/// the state lives in the rows, so a restart simply catches up on the next tick, and the single
/// conditional update is safe to run from several instances at once.</summary>
public sealed class ScheduledPublisher(IServiceScopeFactory scopes, TimeProvider time, IOutputCacheStore cache,
    IOptions<PublishingOptions> options, ILogger<ScheduledPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                await PublishDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Publishing scheduled articles failed; retrying on the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One step: returns how many articles were published.</summary>
    public async Task<int> PublishDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        int changed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
            changed = await db.Articles
                .Where(a => a.Status == ArticleStatus.Scheduled && a.PublishAt != null && a.PublishAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Published), ct);
        }
        if (changed > 0)
        {
            logger.LogInformation("Published {Count} scheduled article(s)", changed);
            await cache.EvictByTagAsync(SiteModule.ContentCacheTag, ct);
        }
        return changed;
    }
}
