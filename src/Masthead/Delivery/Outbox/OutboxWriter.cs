using Masthead.Briefings;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Delivery.Outbox;

/// <summary>Writes outbox rows. An edition's recipients are fixed in one INSERT … SELECT: the list is
/// never loaded into memory, and the unique MessageKey makes a repeated enqueue (after a crash, or a
/// double click) add nothing.</summary>
public sealed class OutboxWriter(MastheadDb db, TimeProvider time)
{
    public const string EditionKind = "edition";

    public static string EditionMessageKey(long editionId, long subscriberId) => $"edition/{editionId}/{subscriberId}";

    /// <summary>Queues the edition for every confirmed, active, unsuppressed subscriber of the list.
    /// Returns the number of rows added.</summary>
    public async Task<int> EnqueueEditionAsync(long editionId, int listId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var sql = db.Database.IsNpgsql() ? PostgresEnqueue : SqliteEnqueue;
        return await db.Database.ExecuteSqlRawAsync(sql, [editionId, listId, now, EditionKind, (int)OutboxStatus.Queued, (int)SubscriptionStatus.Active], ct);
    }

    private const string SqliteEnqueue = """
        INSERT OR IGNORE INTO "Outbox" ("Kind", "MessageKey", "EditionId", "SubscriberId", "ToAddress", "ToName",
            "Status", "Attempts", "NextAttemptAt", "CreatedAt")
        SELECT {3}, 'edition/' || {0} || '/' || s."Id", {0}, s."Id", s."Email", s."Name", {4}, 0, {2}, {2}
        FROM "Subscriptions" sub
        JOIN "Subscribers" s ON s."Id" = sub."SubscriberId"
        WHERE sub."ListId" = {1} AND sub."Status" = {5} AND s."ConfirmedAt" IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM "Suppressions" x WHERE x."Email" = s."Email")
        ORDER BY s."Id"
        """;

    private const string PostgresEnqueue = """
        INSERT INTO "Outbox" ("Kind", "MessageKey", "EditionId", "SubscriberId", "ToAddress", "ToName",
            "Status", "Attempts", "NextAttemptAt", "CreatedAt")
        SELECT {3}, 'edition/' || {0}::text || '/' || s."Id"::text, {0}, s."Id", s."Email", s."Name", {4}, 0, {2}, {2}
        FROM "Subscriptions" sub
        JOIN "Subscribers" s ON s."Id" = sub."SubscriberId"
        WHERE sub."ListId" = {1} AND sub."Status" = {5} AND s."ConfirmedAt" IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM "Suppressions" x WHERE x."Email" = s."Email")
        ORDER BY s."Id"
        ON CONFLICT ("MessageKey") DO NOTHING
        """;
}
