using Masthead.Briefings;
using Masthead.Briefings.Editions;
using Masthead.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Briefings;

/// <summary>Stands in for the subscriptions feature's signed links (the real ones are adapted at merge):
/// distinct per subscriber and list, so tests can see personal links differ.</summary>
internal sealed class FakeSubscriberLinks : ISubscriberLinks
{
    public string PreferencesUrl(long subscriberId) => $"http://localhost/briefings/preferences?token=test-{subscriberId}";
    public string UnsubscribeUrl(long subscriberId, int listId) => $"http://localhost/briefings/unsubscribe?token=test-{subscriberId}-{listId}";
    public string UnsubscribeAllUrl(long subscriberId) => $"http://localhost/briefings/unsubscribe-all?token=test-{subscriberId}";
    public string MailtoUnsubscribe(long subscriberId, int listId) => $"mailto:unsubscribe@localhost?subject=unsubscribe-{subscriberId}-{listId}";
}

internal static class EditionTestSupport
{
    public static Task<TestApp> StartAsync(Db db, Dictionary<string, string?>? more = null)
    {
        // The ten default briefings stay out of the way (these tests make their own lists), and the delivery
        // worker stays idle so a test sees the outbox exactly as sending left it.
        var settings = new Dictionary<string, string?> { ["Briefings:Subscribing:SeedDefaultLists"] = "false", ["Delivery:Enabled"] = "false" };
        foreach (var (k, v) in more ?? []) settings[k] = v;
        return TestApp.StartAsync(db, settings, services: s => s.AddSingleton<ISubscriberLinks, FakeSubscriberLinks>());
    }

    public static async Task<BriefingList> CreateListAsync(this TestApp app, string slug = "gulf-briefing", string name = "Gulf Briefing",
        string sections = "", string tags = "", int maxItems = 8, string? schedule = null, string timeZone = "UTC", bool autoSend = false,
        string cadence = "Daily", DateTime? createdAt = null)
    {
        var list = new BriefingList
        {
            Slug = slug, Name = name, Description = $"About {name}.", Cadence = cadence, FromName = "The Levant Ledger",
            FromAddress = "briefings@ledger.example", RuleSections = sections, RuleTags = tags, RuleMaxItems = maxItems,
            Schedule = schedule, TimeZone = timeZone, AutoSend = autoSend, CreatedAt = createdAt ?? app.Time.GetUtcNow().UtcDateTime,
        };
        await app.WithDbAsync(async d => { d.BriefingLists.Add(list); await d.SaveChangesAsync(); });
        return list;
    }

    public static async Task<Subscriber> CreateSubscriberAsync(this TestApp app, string email, int listId, string? name = null,
        bool confirmed = true, SubscriptionStatus status = SubscriptionStatus.Active)
    {
        var now = app.Time.GetUtcNow().UtcDateTime;
        var s = new Subscriber { Email = email, Name = name, ConfirmedAt = confirmed ? now : null, CreatedAt = now, Source = "test" };
        s.Subscriptions.Add(new Subscription { ListId = listId, Status = status, CreatedAt = now });
        await app.WithDbAsync(async d => { d.Subscribers.Add(s); await d.SaveChangesAsync(); });
        return s;
    }

    /// <summary>A draft edition with the given articles, in order.</summary>
    public static async Task<Edition> CreateDraftAsync(this TestApp app, int listId, params int[] articleIds)
    {
        var now = app.Time.GetUtcNow().UtcDateTime;
        var e = new Edition { ListId = listId, Status = EditionStatus.Draft, Subject = "This week in the Gulf", Intro = "Good morning from **Dubai**.",
            Preheader = "Five things", WindowStart = now.AddDays(-1), WindowEnd = now, CreatedAt = now, UpdatedAt = now };
        for (var i = 0; i < articleIds.Length; i++) e.Items.Add(new EditionItem { ArticleId = articleIds[i], Position = i });
        await app.WithDbAsync(async d => { d.Editions.Add(e); await d.SaveChangesAsync(); });
        return e;
    }

    public static async Task<T> InScopeAsync<T>(this TestApp app, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}
