using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Content.Search;

public static class SearchModule
{
    /// <summary>The index follows the database provider: FTS5 inside the SQLite file, tsvector + GIN in PostgreSQL.</summary>
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddScoped<ISearchIndex>(sp =>
        {
            var db = sp.GetRequiredService<MastheadDb>();
            var time = sp.GetRequiredService<TimeProvider>();
            return db.Database.IsNpgsql() ? new PostgresSearchIndex(db, time) : new SqliteSearchIndex(db, time);
        });
        services.AddHostedService<SearchIndexStartup>();
        return services;
    }

    /// <summary>Creates the index if absent and fills it when it is empty but articles exist (a new deployment,
    /// or a database restored without it). Idempotent, so every start and every CLI verb may call it.</summary>
    public static async Task EnsureSearchIndexAsync(this IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var index = scope.ServiceProvider.GetRequiredService<ISearchIndex>();
        await index.EnsureCreatedAsync(ct);
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        if (await index.IsEmptyAsync(ct) && await db.Articles.AnyAsync(a => a.Status != ArticleStatus.Draft, ct))
        {
            await index.RebuildAsync(null, ct);
        }
    }
}

/// <summary>Runs before the server takes requests (a plain IHostedService, not a background one), after
/// migrations and demo seeding, so the first search already has an index.</summary>
internal sealed class SearchIndexStartup(IServiceProvider services, ILogger<SearchIndexStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await services.EnsureSearchIndexAsync(cancellationToken);
        logger.LogDebug("Search index ready");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
