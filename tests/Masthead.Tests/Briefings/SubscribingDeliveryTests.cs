using System.Net;
using Masthead.Briefings;
using Masthead.Briefings.Catalog;
using Masthead.Briefings.Subscribing;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Briefings;

public sealed class SubscribingDeliveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(Databases))]
    public async Task AnUnsubscribeTakesEffectBeforeTheNextEditionIsQueued(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var stays = await app.ConfirmedSubscriberAsync("stays@example.test", "daily-briefing");
        var leaves = await app.ConfirmedSubscriberAsync("leaves@example.test", "daily-briefing");
        var everything = await app.ConfirmedSubscriberAsync("everything@example.test", "daily-briefing");
        var daily = await app.ListIdAsync("daily-briefing");
        var client = app.CreateClient(new() { HandleCookies = false });
        await client.PostAsync(Mailbox.PathAndQuery(app.Links().UnsubscribeUrl(leaves, daily)),
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), Ct);
        await client.PostAsync(Mailbox.PathAndQuery(app.Links().UnsubscribeAllUrl(everything)),
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), Ct);

        var now = app.Time.GetUtcNow().UtcDateTime;
        var editionId = await app.WithDbAsync(async d =>
        {
            var edition = new Edition { ListId = daily, Subject = "Daily Briefing", CreatedAt = now, UpdatedAt = now };
            d.Editions.Add(edition);
            await d.SaveChangesAsync(Ct);
            return edition.Id;
        });
        await using var scope = app.Services.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<Masthead.Delivery.Outbox.OutboxWriter>();
        Assert.Equal(1, await writer.EnqueueEditionAsync(editionId, daily, Ct));
        Assert.Equal([stays], await app.WithDbAsync(d => d.Outbox.Select(o => o.SubscriberId!.Value).ToListAsync(Ct)));
    }

    [Fact]
    public async Task SignupPostsAreLimitedPerConnection()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, new() { ["Briefings:Subscribing:IpPermitLimit"] = "2" });
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var response = await client.PostAsync("/briefings/subscribe/embed",
                new FormUrlEncodedContent([new("email", $"r{i}@example.test"), new("list", "daily-briefing")]), Ct);
            codes.Add(response.StatusCode);
        }
        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], codes);
        Assert.Equal(2, await app.WithDbAsync(d => d.Subscribers.CountAsync(Ct)));
    }

    [Fact]
    public async Task SeedingCanBeTurnedOffForAnEmptyStart()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, new() { ["Briefings:Subscribing:SeedDefaultLists"] = "false" });
        Assert.Equal(0, await app.WithDbAsync(d => d.BriefingLists.CountAsync(Ct)));
    }
}
