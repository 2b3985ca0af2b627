using Microsoft.Extensions.DependencyInjection;
using Masthead.Briefings;
using Masthead.Content;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.SendBench;

/// <summary>Synthetic confirmed subscribers on 50 domains, all subscribed to one list, and one edition of 18 articles.</summary>
internal static class Seed
{
    private const int ArticleCount = 18;
    private const string Paragraph = "Shipping insurers in the Gulf of Aden raised war-risk premiums again this week, while tanker charter "
        + "rates eased as three operators resumed transits under naval escort. Analysts expect the spread between Brent and Dubai "
        + "to narrow if the convoy schedule holds through the end of the month.";

    public static async Task<(long Edition, int List)> SubscribersAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var now = DateTime.UtcNow;
        var list = new BriefingList { Slug = "gulf", Name = "The Gulf Briefing", FromName = "The Gulf Briefing", FromAddress = "gulf@ledger.example" };
        var edition = new Edition
        {
            List = list, Subject = "The Gulf Briefing — 20 November", CreatedAt = now, UpdatedAt = now,
            Intro = "Good morning. Insurers moved first this week; the convoys followed. Below, the stories that matter for anyone "
                + "moving cargo, capital or crude through the Gulf — and what to watch before Monday's open.",
            Preheader = "War-risk premiums, convoy schedules and the Brent–Dubai spread",
        };
        db.Editions.Add(edition);
        var section = new Section { Slug = "markets", Name = "Markets" };
        var author = new Author { Slug = "desk", Name = "The Markets Desk" };
        // Enough items for a message of about 30 KB with the default templates, the size DESIGN.md's figures use;
        // every fifth one is PRO, so it goes out as a teaser.
        for (var i = 1; i <= ArticleCount; i++)
        {
            var article = new Article
            {
                Slug = $"gulf-shipping-{i}", Title = $"Item {i}: war-risk premiums and the convoy schedule", Section = section,
                Dek = "Insurers raised rates again while three operators resumed transits under escort.",
                BodyMarkdown = string.Join("\n\n", Enumerable.Repeat(Paragraph, 3)),
                Status = ArticleStatus.Published, PublishAt = now.AddHours(-i), Access = i % 5 == 0 ? AccessLevel.Pro : AccessLevel.Public,
                CreatedAt = now, UpdatedAt = now, Authors = [new ArticleAuthor { Author = author }],
            };
            edition.Items.Add(new EditionItem { Article = article, Position = i });
        }
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
