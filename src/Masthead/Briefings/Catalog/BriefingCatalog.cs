using Masthead.Data;
using Masthead.Delivery;
using Masthead.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Briefings.Catalog;

/// <summary>Seeds the default briefings when there are none. Idempotent: an install whose editors have
/// deleted or renamed lists is left alone, and a racing instance's insert is tolerated.</summary>
public static class BriefingCatalog
{
    public static async Task<int> EnsureDefaultListsAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        if (!sp.GetRequiredService<IOptions<Subscribing.SubscribingOptions>>().Value.SeedDefaultLists) return 0;
        var db = sp.GetRequiredService<MastheadDb>();
        if (await db.BriefingLists.AnyAsync(ct)) return 0;
        var site = sp.GetRequiredService<IOptions<SiteOptions>>().Value;
        var mail = sp.GetRequiredService<IOptions<MailOptions>>().Value;
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var position = 0;
        foreach (var d in DefaultLists.All)
        {
            db.BriefingLists.Add(new BriefingList
            {
                Slug = d.Slug,
                Name = d.Name,
                Description = d.Description,
                Cadence = d.Cadence,
                Schedule = d.Schedule,
                TimeZone = d.TimeZone,
                AutoSend = false,
                FromName = $"{d.Name} — {site.Name}",
                FromAddress = mail.FromAddress,
                RuleSections = d.RuleSections,
                RuleTags = d.RuleTags,
                RuleMaxItems = d.RuleMaxItems,
                Position = ++position * 10,
                CreatedAt = now,
            });
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance seeded first (unique slug); anything else is a real failure.
            db.ChangeTracker.Clear();
            if (!await db.BriefingLists.AnyAsync(ct)) throw;
            return 0;
        }
        return DefaultLists.All.Count;
    }
}

/// <summary>Runs before requests are served, like the role setup.</summary>
internal sealed class BriefingCatalogService(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken ct) => BriefingCatalog.EnsureDefaultListsAsync(services, ct);
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
