using System.Data.Common;
using System.Text;
using Masthead.Briefings;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Masthead.Delivery.Outbox;

/// <summary>What happened to one claimed row.</summary>
public enum SendOutcome { Sent, Deferred, Bounced, Failed, Suppressed, Released }

public readonly record struct RowResult(long Id, string ToAddress, int Attempts, SendOutcome Outcome, string? Error = null, DateTime? NextAttemptAt = null);

/// <summary>The SQL of the queue. Claims are one conditional UPDATE … RETURNING (PostgreSQL adds
/// FOR UPDATE SKIP LOCKED so several workers never take the same row); accepted rows are marked Sent in small
/// groups while the batch runs; the other outcomes are written once per batch, one statement per outcome group,
/// in one transaction.</summary>
public sealed class OutboxStore(MastheadDb db)
{
    private bool Postgres => db.Database.IsNpgsql();

    /// <summary>Puts rows whose worker died (lease expired) back in the queue. They may have been accepted
    /// by the server before the crash: those are the only messages a crash can repeat.</summary>
    public Task<int> RequeueExpiredAsync(DateTime now, CancellationToken ct) => db.Database.ExecuteSqlRawAsync("""
        UPDATE "Outbox" SET "Status" = 0, "LeaseOwner" = NULL, "LeaseExpiresAt" = NULL
        WHERE "Status" = 1 AND "LeaseExpiresAt" <= {0}
        """, [now], ct);

    /// <summary>Claims up to <paramref name="limit"/> due rows of the given kinds: a worker never takes a row it
    /// cannot render (during a rolling deploy an older process may not know a newer kind).</summary>
    public async Task<List<OutboxMessage>> ClaimAsync(string owner, IReadOnlyList<string> kinds, int limit, DateTime now, DateTime leaseUntil, CancellationToken ct)
    {
        if (kinds.Count == 0) return [];
        var kindParameters = string.Join(", ", kinds.Select((_, i) => $"@k{i}"));
        var sql = $"""
            UPDATE "Outbox" SET "Status" = 1, "LeaseOwner" = @owner, "LeaseExpiresAt" = @until
            WHERE "Id" IN (SELECT "Id" FROM "Outbox" WHERE "Status" = 0 AND "NextAttemptAt" <= @now AND "Kind" IN ({kindParameters})
                           ORDER BY "NextAttemptAt" LIMIT @limit{(Postgres ? " FOR UPDATE SKIP LOCKED" : "")})
            RETURNING "Id", "Kind", "MessageKey", "EditionId", "SubscriberId", "ToAddress", "ToName", "Payload", "Attempts", "NextAttemptAt", "CreatedAt"
            """;
        var rows = new List<OutboxMessage>(limit);
        (string, object?)[] parameters = [("owner", owner), ("until", leaseUntil), ("now", now), ("limit", limit), .. kinds.Select((k, i) => ($"k{i}", (object?)k))];
        await using var command = await CommandAsync(sql, ct, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new OutboxMessage
            {
                Id = reader.GetInt64(0),
                Kind = reader.GetString(1),
                MessageKey = reader.GetString(2),
                EditionId = reader.IsDBNull(3) ? null : reader.GetInt64(3),
                SubscriberId = reader.IsDBNull(4) ? null : reader.GetInt64(4),
                ToAddress = reader.GetString(5),
                ToName = reader.IsDBNull(6) ? null : reader.GetString(6),
                Payload = reader.IsDBNull(7) ? null : reader.GetString(7),
                Attempts = reader.GetInt32(8),
                NextAttemptAt = reader.GetDateTime(9),
                CreatedAt = reader.GetDateTime(10),
                Status = OutboxStatus.Leased,
                LeaseOwner = owner,
                LeaseExpiresAt = leaseUntil,
            });
        }
        return rows;
    }

    /// <summary>Ids among <paramref name="ids"/> whose address is on the suppression list now: an unsubscribe
    /// or bounce recorded after the enqueue still stops the send. Unsubscribing from every list stops list mail,
    /// not transactional mail (sign-in links, confirmations, receipts); bounces and complaints stop both.</summary>
    public async Task<HashSet<long>> SuppressedAmongAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        var found = new HashSet<long>();
        if (ids.Count == 0) return found;
        var sql = $"""
            SELECT o."Id" FROM "Outbox" o
            WHERE o."Id" IN ({IdList(ids)}) AND EXISTS (SELECT 1 FROM "Suppressions" s WHERE s."Email" = lower(o."ToAddress")
                AND (o."Kind" <> '{MailOutboxRenderer.MailKind}' OR s."Reason" <> {(int)Briefings.SuppressionReason.UnsubscribedAll}))
            """;
        await using var command = await CommandAsync(sql, ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found.Add(reader.GetInt64(0));
        return found;
    }

    /// <summary>Writes the outcomes of one batch. Only rows still leased by <paramref name="owner"/> change,
    /// except Sent, which is true whoever holds the row now.</summary>
    public async Task RecordAsync(string owner, IReadOnlyList<RowResult> results, DateTime now, CancellationToken ct)
    {
        if (results.Count == 0) return;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var byOutcome = results.ToLookup(r => r.Outcome);
            await ExecuteAsync(byOutcome[SendOutcome.Sent].Select(r => r.Id), SentSql, ct, ("now", now));
            await ExecuteAsync(byOutcome[SendOutcome.Suppressed].Select(r => r.Id), ids => $"""
                UPDATE "Outbox" SET "Status" = 5, "LeaseOwner" = NULL, "LeaseExpiresAt" = NULL, "LastError" = 'suppressed'
                WHERE "Id" IN ({ids}) AND "Status" = 1 AND "LeaseOwner" = @owner
                """, ct, ("owner", owner));
            await ExecuteAsync(byOutcome[SendOutcome.Released].Select(r => r.Id), ids => $"""
                UPDATE "Outbox" SET "Status" = 0, "LeaseOwner" = NULL, "LeaseExpiresAt" = NULL
                WHERE "Id" IN ({ids}) AND "Status" = 1 AND "LeaseOwner" = @owner
                """, ct, ("owner", owner));
            // Deferrals, bounces and failures carry their own error and retry time; they are the exception
            // in a healthy send, so one statement per row is fine.
            foreach (var r in results.Where(r => r.Outcome is SendOutcome.Deferred or SendOutcome.Bounced or SendOutcome.Failed))
            {
                var status = r.Outcome switch { SendOutcome.Deferred => OutboxStatus.Queued, SendOutcome.Bounced => OutboxStatus.Bounced, _ => OutboxStatus.Failed };
                await using var update = await CommandAsync("""
                    UPDATE "Outbox" SET "Status" = @status, "Attempts" = "Attempts" + 1, "NextAttemptAt" = @next,
                        "LastError" = @error, "LeaseOwner" = NULL, "LeaseExpiresAt" = NULL
                    WHERE "Id" = @id AND "Status" = 1 AND "LeaseOwner" = @owner
                    """, ct, ("status", (int)status), ("next", r.NextAttemptAt ?? now), ("error", Truncate(r.Error)), ("id", r.Id), ("owner", owner));
                await update.ExecuteNonQueryAsync(ct);
                if (r.Outcome == SendOutcome.Bounced)
                {
                    await AddSuppressionAsync(r.ToAddress, SuppressionReason.HardBounce, r.Error, now, ct);
                }
            }
            await tx.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Marks accepted rows Sent, whoever holds them now (the server has the message). One statement, so one
    /// commit, for a group of up to 1,000 rows: what the sender records while the batch is still running.</summary>
    public Task<int> MarkSentAsync(IReadOnlyCollection<long> ids, DateTime now, CancellationToken ct) =>
        ExecuteAsync(ids, SentSql, ct, ("now", now));

    /// <summary>Extends the lease on those of <paramref name="ids"/> that <paramref name="owner"/> still holds and returns
    /// how many that is. Fewer than asked means another process took rows after the lease ran out.</summary>
    public Task<int> RenewAsync(string owner, IReadOnlyCollection<long> ids, DateTime until, CancellationToken ct) =>
        ExecuteAsync(ids, list => $"""
            UPDATE "Outbox" SET "LeaseExpiresAt" = @until WHERE "Id" IN ({list}) AND "Status" = 1 AND "LeaseOwner" = @owner
            """, ct, ("until", until), ("owner", owner));

    private static string SentSql(string ids) => $"""
        UPDATE "Outbox" SET "Status" = 2, "SentAt" = @now, "Attempts" = "Attempts" + 1, "LeaseOwner" = NULL,
            "LeaseExpiresAt" = NULL, "LastError" = NULL WHERE "Id" IN ({ids})
        """;

    /// <summary>Adds the address to the suppression list unless it is there already.</summary>
    public async Task AddSuppressionAsync(string email, SuppressionReason reason, string? detail, DateTime now, CancellationToken ct)
    {
        var sql = Postgres
            ? """INSERT INTO "Suppressions" ("Email", "Reason", "Detail", "CreatedAt") VALUES (@email, @reason, @detail, @now) ON CONFLICT ("Email") DO NOTHING"""
            : """INSERT OR IGNORE INTO "Suppressions" ("Email", "Reason", "Detail", "CreatedAt") VALUES (@email, @reason, @detail, @now)""";
        await using var command = await CommandAsync(sql, ct, ("email", email.Trim().ToLowerInvariant()), ("reason", (int)reason), ("detail", Truncate(detail)), ("now", now));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Runs the statement for the ids in chunks and returns the rows changed.</summary>
    private async Task<int> ExecuteAsync(IEnumerable<long> ids, Func<string, string> sqlFor, CancellationToken ct, params (string, object?)[] parameters)
    {
        var changed = 0;
        // Chunked so a statement stays well under the providers' parameter and length limits.
        foreach (var chunk in ids.Chunk(1000))
        {
            await using var command = await CommandAsync(sqlFor(IdList(chunk)), ct, parameters);
            changed += await command.ExecuteNonQueryAsync(ct);
        }
        return changed;
    }

    // Ids are longs we read ourselves, so inlining them is safe and keeps one statement per group.
    private static string IdList(IEnumerable<long> ids)
    {
        var sb = new StringBuilder();
        foreach (var id in ids) sb.Append(sb.Length == 0 ? "" : ",").Append(id);
        return sb.ToString();
    }

    private static string? Truncate(string? s) => s is { Length: > 1000 } ? s[..1000] : s;

    private async Task<DbCommand> CommandAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }
}
