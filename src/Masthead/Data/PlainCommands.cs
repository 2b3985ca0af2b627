using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Masthead.Data;

/// <summary>Plain ADO.NET commands on a context's connection, for the checks every start makes. A LINQ query's first
/// run compiles it (tens of milliseconds each, and the query pipeline itself on the very first); a start that only
/// asks "is anything to do?" need not pay that. The SQL here is the subset both providers read alike: double-quoted
/// identifiers and @p0, @p1… parameters.</summary>
internal static class PlainCommands
{
    public static async Task<long> CountAsync(this DatabaseFacade database, string sql, params object[] values)
    {
        var result = await RunAsync(database, sql, values, c => c.ExecuteScalarAsync());
        return Convert.ToInt64(result);
    }

    public static Task<List<string>> StringsAsync(this DatabaseFacade database, string sql, params object[] values) =>
        RunAsync(database, sql, values, async c =>
        {
            var rows = new List<string>();
            await using var reader = await c.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
            return rows;
        });

    private static async Task<T> RunAsync<T>(DatabaseFacade database, string sql, object[] values, Func<DbCommand, Task<T>> run)
    {
        var connection = database.GetDbConnection();
        await database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
            {
                var p = command.CreateParameter();
                p.ParameterName = "@p" + i;
                p.Value = values[i];
                command.Parameters.Add(p);
            }
            return await run(command);
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }
}
