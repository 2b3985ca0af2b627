using Microsoft.Extensions.DependencyInjection;
using Masthead.Briefings;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.SendBench;

/// <summary>Synthetic confirmed subscribers on 50 domains, all subscribed to one list, and one edition.</summary>
internal static class Seed
{
    public static async Task<(long Edition, int List)> SubscribersAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var now = DateTime.UtcNow;
        var list = new BriefingList { Slug = "gulf", Name = "The Gulf Briefing", FromName = "The Gulf Briefing", FromAddress = "gulf@ledger.example" };
        var edition = new Edition { List = list, Subject = "The Gulf Briefing — 20 November", CreatedAt = now, UpdatedAt = now };
        db.Editions.Add(edition);
        await db.SaveChangesAsync();
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "Subscribers" ("Email", "Name", "ConfirmedAt", "CreatedAt", "Source")
                SELECT 'reader' || i || '@example' || (i % 50) || '.test', 'Reader ' || i, {1}, {1}, 'bench' FROM generate_series(1, {0}) i
                """, count, now);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "Subscribers" ("Email", "Name", "ConfirmedAt", "CreatedAt", "Source")
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {0})
                SELECT 'reader' || i || '@example' || (i % 50) || '.test', 'Reader ' || i, {1}, {1}, 'bench' FROM n
                """, count, now);
        }
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "Subscriptions" ("SubscriberId", "ListId", "Status", "CreatedAt") SELECT "Id", {0}, 1, {1} FROM "Subscribers"
            """, list.Id, now);
        return (edition.Id, list.Id);
    }
}
