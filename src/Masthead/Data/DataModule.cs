using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Options;

namespace Masthead.Data;

public static class DataModule
{
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        // A relative data directory is relative to the content root (the project folder under
        // `dotnet run`, the publish folder in production), whatever directory the app starts from.
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section)
            .PostConfigure<IHostEnvironment>((o, env) =>
                o.DataDirectory = Path.GetFullPath(o.DataDirectory, env.ContentRootPath))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .Validate(o => o.Provider == DatabaseProvider.Sqlite || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Database:ConnectionString is required when Database:Provider is Postgres.")
            .ValidateOnStart();

        // Keys that sign cookies, antiforgery tokens and emailed links live with the data, so they survive
        // restarts; several instances share them through the same data directory (or a mounted volume).
        var dataDirectory = Path.GetFullPath(builder.Configuration[$"{StorageOptions.Section}:DataDirectory"] ?? "data",
            builder.Environment.ContentRootPath);
        builder.Services.AddDataProtection()
            .SetApplicationName("Masthead")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));

        var db = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new();
        // Pooled contexts: the options are built once and a request reuses a reset context instead of building
        // one (a measurable share of a signed-in page). Contexts therefore take nothing but their options.
        if (db.Provider == DatabaseProvider.Postgres)
        {
            builder.Services.AddDbContextPool<MastheadDb, PostgresMastheadDb>((sp, o) =>
                o.UseNpgsql(db.ConnectionString).AddInterceptors(sp.GetServices<IInterceptor>()));
        }
        else
        {
            builder.Services.AddDbContextPool<MastheadDb, SqliteMastheadDb>((sp, o) =>
            {
                var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
                o.UseSqlite(db.ConnectionString ?? SqliteConnectionFor(storage.DataDirectory))
                    .AddInterceptors(sp.GetServices<IInterceptor>());
            });
        }
        return builder;
    }

    public static string SqliteConnectionFor(string dataDirectory) =>
        // Private cache per connection (SQLite's default): shared-cache mode serialises readers on table locks
        // and, with WAL, only costs; pooled connections keep their parsed schema.
        $"Data Source={Path.Combine(dataDirectory, "masthead.db")};Pooling=True";

    /// <summary>Creates the data folders and applies pending migrations. Runs before the app takes requests.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        Directory.CreateDirectory(storage.DataDirectory);
        Directory.CreateDirectory(storage.MediaDirectory);
        if (!app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStart) return;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        // One query decides: the history table against the migrations this build carries. MigrateAsync runs only when
        // one is missing; on an up-to-date database it would still take the migrations lock and compare the whole
        // model with the last migration's snapshot (a third of a second at every start). That comparison, "the model
        // matches the migrations", is a property of the build, so a test holds it (Data/ModelTests).
        var applied = await AppliedMigrationsAsync(db);
        if (db.Database.GetMigrations().Except(applied).Any())
        {
            await db.Database.MigrateAsync();
        }
        if (db.Database.IsSqlite())
        {
            // WAL lets readers proceed while the scheduler or an editor writes. The mode is kept in the file, so
            // this is a no-op after the first start; it is asked for anyway in case the file came from elsewhere.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
    }

    /// <summary>The ids in EF's history table (none when it does not exist), read with two plain commands. EF's own
    /// GetAppliedMigrationsAsync builds a model of the history table by convention first, which at a cold start
    /// compiles the whole convention set: about 150 ms of CPU on every start, for a table of one column.</summary>
    internal static async Task<IReadOnlyList<string>> AppliedMigrationsAsync(MastheadDb db)
    {
        const string table = "__EFMigrationsHistory";
        var exists = db.Database.IsSqlite()
            ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @p0"
            : "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE tablename = @p0 AND schemaname = ANY (current_schemas(false))";
        if (await db.Database.CountAsync(exists, table) == 0) return [];
        return await db.Database.StringsAsync($"SELECT \"MigrationId\" FROM \"{table}\"");
    }
}

/// <summary>Used by `dotnet ef` to build the SQLite migrations.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMastheadDb>
{
    public SqliteMastheadDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteMastheadDb>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Used by `dotnet ef` to build the PostgreSQL migrations; no server is contacted.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMastheadDb>
{
    public PostgresMastheadDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresMastheadDb>().UseNpgsql("Host=localhost;Database=masthead_design").Options);
}
