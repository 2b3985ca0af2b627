using Masthead.Briefings;
using Masthead.Delivery.Outbox;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Delivery;

public sealed class OutboxWriterTests
{
    [Theory, ClassData(typeof(Databases))]
    public async Task AnEditionIsQueuedOnlyForConfirmedActiveUnsuppressedSubscribersAndOnlyOnce(Db db)
    {
        // The writer alone: with the delivery worker running, it may lease the row before it is looked at.
        await using var app = await TestApp.StartAsync(db, new() { ["Delivery:Enabled"] = "false" });
        var ct = TestContext.Current.CancellationToken;
        var now = app.Time.GetUtcNow().UtcDateTime;
        var (listId, editionId) = await app.WithDbAsync(async d =>
        {
            var list = new BriefingList { Slug = "gulf", Name = "Gulf Briefing", FromName = "Desk", FromAddress = "desk@example.test" };
            var other = new BriefingList { Slug = "other", Name = "Other", FromName = "Desk", FromAddress = "desk@example.test" };
            d.AddRange(list, other);
            Subscriber Sub(string email, DateTime? confirmed) => new() { Email = email, ConfirmedAt = confirmed, CreatedAt = now };
            var active = Sub("active@example.test", now);
            var unconfirmed = Sub("unconfirmed@example.test", null);
            var suppressed = Sub("suppressed@example.test", now);
            var left = Sub("left@example.test", now);
            var elsewhere = Sub("elsewhere@example.test", now);
            d.AddRange(
                new Subscription { Subscriber = active, List = list, Status = SubscriptionStatus.Active, CreatedAt = now },
                new Subscription { Subscriber = unconfirmed, List = list, Status = SubscriptionStatus.Pending, CreatedAt = now },
                new Subscription { Subscriber = suppressed, List = list, Status = SubscriptionStatus.Active, CreatedAt = now },
                new Subscription { Subscriber = left, List = list, Status = SubscriptionStatus.Unsubscribed, CreatedAt = now },
                new Subscription { Subscriber = elsewhere, List = other, Status = SubscriptionStatus.Active, CreatedAt = now });
            d.Suppressions.Add(new Suppression { Email = "suppressed@example.test", Reason = SuppressionReason.HardBounce, CreatedAt = now });
            var edition = new Edition { List = list, Subject = "Gulf Briefing", CreatedAt = now, UpdatedAt = now };
            d.Editions.Add(edition);
            await d.SaveChangesAsync(ct);
            return (list.Id, edition.Id);
        });

        await using var scope = app.Services.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<OutboxWriter>();
        Assert.Equal(1, await writer.EnqueueEditionAsync(editionId, listId, ct));
        Assert.Equal(0, await writer.EnqueueEditionAsync(editionId, listId, ct));

        var rows = await app.WithDbAsync(d => d.Outbox.AsNoTracking().ToListAsync(ct));
        var row = Assert.Single(rows);
        Assert.Equal("active@example.test", row.ToAddress);
        Assert.Equal(OutboxStatus.Queued, row.Status);
        Assert.Equal(OutboxWriter.EditionMessageKey(editionId, row.SubscriberId!.Value), row.MessageKey);
    }
}
