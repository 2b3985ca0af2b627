using Masthead.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Masthead.Tests.Support;

/// <summary>One PostgreSQL database per test, cloned from a template migrated once per test run.
/// The server comes from MASTHEAD_TEST_POSTGRES (a connection string to a role with CREATEDB);
/// `.ci/run` starts one and sets it.</summary>
public static class PostgresDatabases
{
    public const string Variable = "MASTHEAD_TEST_POSTGRES";
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _template;

    public static string? ServerConnection => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips the calling test when no server is configured; fails it under CI.</summary>
    public static string RequireServer()
    {
        var server = ServerConnection;
        if (server is null)
        {
            if (InCi) throw new InvalidOperationException($"CI=true but {Variable} is not set: PostgreSQL tests must run in CI.");
            Assert.Skip($"PostgreSQL not available: set {Variable} to a connection string (`.ci/run` does) to run this test.");
        }
        return server!;
    }

    public static async Task<string> CreateAsync()
    {
        var server = RequireServer();
        var template = await EnsureTemplateAsync(server);
        var name = "mt_" + Guid.NewGuid().ToString("n");
        await using (var conn = new NpgsqlConnection(server))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public static async Task DropAsync(string connection)
    {
        var name = new NpgsqlConnectionStringBuilder(connection).Database;
        NpgsqlConnection.ClearAllPools();
        // Best effort: the cluster is throwaway. WITH (FORCE) cannot terminate an autovacuum worker for a
        // role without superuser rights, so a busy database is retried briefly and otherwise left behind.
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                await using var conn = new NpgsqlConnection(ServerConnection);
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
                await cmd.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException) when (attempt < 3)
            {
                await Task.Delay(250 * attempt);
            }
            catch (PostgresException)
            {
                return;
            }
        }
    }

    private static async Task<string> EnsureTemplateAsync(string server)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_template is not null) return _template;
            var name = $"mt_template_{Environment.ProcessId}_{Guid.NewGuid():n}"[..40];
            await using (var conn = new NpgsqlConnection(server))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            var connection = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString;
            var options = new DbContextOptionsBuilder<PostgresMastheadDb>().UseNpgsql(connection).Options;
            await using (var db = new PostgresMastheadDb(options))
            {
                await db.Database.MigrateAsync();
            }
            NpgsqlConnection.ClearAllPools();
            return _template = name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }
}
