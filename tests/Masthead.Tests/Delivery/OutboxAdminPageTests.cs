using System.Net;
using Masthead.Accounts;
using Masthead.Briefings;
using Masthead.Delivery.Outbox;
using Masthead.Tests.Support;

namespace Masthead.Tests.Delivery;

public sealed class OutboxAdminPageTests
{
    [Theory, ClassData(typeof(Databases))]
    public async Task TheDeliveryPageCountsEachStateOfASendAndReloadsWhileWorkRemains(Db db)
    {
        await using var app = await TestApp.StartAsync(db, new() { ["Delivery:Enabled"] = "false" });
        var editionId = await SeedAsync(app);
        var client = await app.SignedInClientAsync(Roles.Admin);

        var response = await client.GetAsync("/admin/delivery", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("5", response.Headers.GetValues("Refresh").Single());
        Assert.Contains("The Gulf Briefing, 20 November", html);
        Assert.Contains($"<progress id=\"edition-progress-{editionId}\" max=\"9\" value=\"6\">", html);
        Assert.Contains("<td>1</td><td>1</td><td>3</td><td>1</td><td>1</td><td>1</td><td>1</td>", html);
        Assert.Contains("550 no such mailbox", html);
        Assert.Contains("451 try again", html);

        var still = await client.GetAsync("/admin/delivery?refresh=off", TestContext.Current.CancellationToken);
        Assert.False(still.Headers.Contains("Refresh"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ProgressForAnEditionCountsDeferredRowsApartFromQueuedOnes(Db db)
    {
        await using var app = await TestApp.StartAsync(db, new() { ["Delivery:Enabled"] = "false" });
        var editionId = await SeedAsync(app);

        var counts = await app.WithDbAsync(d => OutboxProgress.ForEditionAsync(d, editionId, TestContext.Current.CancellationToken));

        Assert.Equal(new OutboxCounts(Queued: 1, Leased: 1, Sent: 3, Deferred: 1, Bounced: 1, Failed: 1, Suppressed: 1), counts);
        Assert.Equal(9, counts.Total);
        Assert.Equal(6, counts.Done);
        Assert.True(counts.InProgress);
    }

    [Fact]
    public async Task ReadersCannotSeeTheDeliveryPage()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, new() { ["Delivery:Enabled"] = "false" });
        var client = await app.SignedInClientAsync();

        var response = await client.GetAsync("/admin/delivery", TestContext.Current.CancellationToken);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<long> SeedAsync(TestApp app)
    {
        var now = app.Time.GetUtcNow().UtcDateTime;
        return await app.WithDbAsync(async d =>
        {
            var list = new BriefingList { Slug = "gulf", Name = "Gulf Briefing", FromName = "Desk", FromAddress = "desk@example.test" };
            var edition = new Edition { List = list, Subject = "The Gulf Briefing, 20 November", CreatedAt = now, UpdatedAt = now };
            d.Editions.Add(edition);
            await d.SaveChangesAsync(TestContext.Current.CancellationToken);
            var n = 0;
            OutboxMessage Row(OutboxStatus status, int attempts = 0, string? error = null) => new()
            {
                Kind = "edition", MessageKey = $"edition/{edition.Id}/{++n}", EditionId = edition.Id, ToAddress = $"r{n}@example.test",
                Status = status, Attempts = attempts, LastError = error, NextAttemptAt = now, CreatedAt = now,
            };
            d.Outbox.AddRange(
                Row(OutboxStatus.Queued), Row(OutboxStatus.Leased), Row(OutboxStatus.Sent, 1), Row(OutboxStatus.Sent, 1), Row(OutboxStatus.Sent, 2),
                Row(OutboxStatus.Queued, 1, "451 try again later"), Row(OutboxStatus.Bounced, 1, "550 no such mailbox"),
                Row(OutboxStatus.Failed, 8, "gave up"), Row(OutboxStatus.Suppressed, 0, "suppressed"));
            await d.SaveChangesAsync(TestContext.Current.CancellationToken);
            return edition.Id;
        });
    }
}
