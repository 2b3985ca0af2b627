using Masthead.Briefings;
using Masthead.Briefings.Subscribing;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Briefings;

internal static class SubscribingSupport
{
    public static Task<int> ListIdAsync(this TestApp app, string slug) =>
        app.WithDbAsync(db => db.BriefingLists.Where(l => l.Slug == slug).Select(l => l.Id).SingleAsync());

    public static Task<Subscriber?> SubscriberAsync(this TestApp app, string email) =>
        app.WithDbAsync(db => db.Subscribers.AsNoTracking().Include(s => s.Subscriptions).SingleOrDefaultAsync(s => s.Email == email));

    public static Task<SubscriptionStatus?> StatusAsync(this TestApp app, string email, int listId) =>
        app.WithDbAsync(db => db.Subscriptions.Where(s => s.Subscriber!.Email == email && s.ListId == listId)
            .Select(s => (SubscriptionStatus?)s.Status).SingleOrDefaultAsync());

    public static SubscriberLinks Links(this TestApp app) => app.Services.GetRequiredService<SubscriberLinks>();

    /// <summary>A confirmed subscriber with active lists, made directly in the database.</summary>
    public static async Task<long> ConfirmedSubscriberAsync(this TestApp app, string email, params string[] slugs)
    {
        var now = app.Time.GetUtcNow().UtcDateTime;
        return await app.WithDbAsync(async db =>
        {
            var s = new Subscriber { Email = email, ConfirmedAt = now, CreatedAt = now, Source = "test" };
            foreach (var slug in slugs)
            {
                var id = await db.BriefingLists.Where(l => l.Slug == slug).Select(l => l.Id).SingleAsync();
                s.Subscriptions.Add(new Subscription { ListId = id, Status = SubscriptionStatus.Active, CreatedAt = now });
            }
            db.Subscribers.Add(s);
            await db.SaveChangesAsync();
            return s.Id;
        });
    }

    public static Task<HttpResponseMessage> SubscribeAsync(this HttpClient client, string email, params int[] lists)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Email", email), new("Source", "home") };
        fields.AddRange(lists.Select(l => new KeyValuePair<string, string>("Lists", l.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        return PostWithTokenAsync(client, "/briefings/subscribe", fields, "/briefings/subscribe");
    }

    /// <summary>What a browser sends when a reader submits the signup box on one of the site's pages: no
    /// antiforgery token (the page was cached), and the fetch metadata every current browser adds.</summary>
    public static HttpRequestMessage BoxPost(List<KeyValuePair<string, string>> fields, string fetchSite = "same-origin")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/briefings/subscribe") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Sec-Fetch-Site", fetchSite);
        return request;
    }

    public static async Task<HttpResponseMessage> PostWithTokenAsync(HttpClient client, string url,
        List<KeyValuePair<string, string>> fields, string formPage)
    {
        var token = await client.AntiforgeryTokenAsync(formPage);
        fields = [.. fields, new("__RequestVerificationToken", token)];
        return await client.PostAsync(url, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
    }
}
