using System.Net;
using Masthead.Accounts;
using Masthead.Billing.Subscriptions;
using Masthead.Site;
using Masthead.Tests.Billing;
using Masthead.Tests.Billing.Admin;
using Masthead.Tests.Content.Search;
using Masthead.Tests.Support;

namespace Masthead.Tests.Content;

/// <summary>Issue 11 point 7: page=2147483647 is a page past the end like any other, and HEAD on the API answers as GET.</summary>
public sealed class PastTheEndPagingTests
{
    private const string MaxPage = "2147483647";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(Databases))]
    public async Task TheLargestPageNumberIs404OnEveryReaderListingAndTheApi(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.CreateArticleAsync("Oil output steady in Basra", sectionSlug: "energy", tagSlugs: ["iraq"], authorName: "Rana Haddad");
        await app.RebuildIndexAsync();
        var client = app.CreateBrowserClient();

        foreach (var url in new[] { "/api/v1/articles", "/sections/energy", "/tags/iraq", "/authors/rana-haddad", "/search?q=oil", "/briefings/gulf-briefing" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url, Ct)).StatusCode);
            var separator = url.Contains('?') ? "&" : "?";
            foreach (var page in new[] { "2", MaxPage })
            {
                var response = await client.GetAsync($"{url}{separator}page={page}", Ct);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} page {page}: {(int)response.StatusCode}");
            }
        }
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AnAdminListPastTheEndShowsItsLastPage(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        // 51 subscribers: two pages of 50, so the last page is not the first.
        var now = app.Time.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async d =>
        {
            d.Subscribers.AddRange(Enumerable.Range(0, 51).Select(i => new Masthead.Briefings.Subscriber
            {
                Email = i == 0 ? "listed@example.test" : $"s{i:00}@example.test", CreatedAt = now, Source = "test",
            }));
            await d.SaveChangesAsync(Ct);
        });
        await app.MemberAsync("member@example.test", SubscriptionStatus.Active, MemberAdminSeed.At(6, 1), paidAt: MemberAdminSeed.At(6, 8));
        await app.CreateArticleAsync("Port volumes rise");
        var admin = await app.SignedInClientAsync(Roles.Admin);

        foreach (var (url, shows) in new[]
        {
            ($"/admin/subscribers?page={MaxPage}", "Page 2 of 2"), ($"/admin/subscribers?page={MaxPage}", "listed@example.test"),
            ($"/admin/members?page={MaxPage}", "member@example.test"),
            ($"/admin/articles?p={MaxPage}", "Port volumes rise"),
        })
        {
            var response = await admin.GetAsync(url, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            Assert.Contains(shows, await response.Content.ReadAsStringAsync(Ct));
        }
    }

    [Fact]
    public void AnOffsetThatWouldOverflowIsNoPageAtAll()
    {
        Assert.Equal(0, Paging.Offset(1, 20));
        Assert.Equal(20, Paging.Offset(2, 20));
        Assert.Null(Paging.Offset(0, 20));
        Assert.Null(Paging.Offset(int.MaxValue, 20));
        Assert.Null(Paging.Offset(int.MaxValue / 20 + 1, 20));
        Assert.Equal(int.MaxValue - 1, Paging.Offset(int.MaxValue, 1));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task HeadOnTheArticleApiAnswersLikeGetWithoutABody(Db db)
    {
        // On Kestrel: dropping a HEAD response's body is the server's part, which the in-memory test server skips.
        await using var app = await TestApp.StartOnKestrelAsync(db: db);
        var article = await app.CreateArticleAsync("Gulf bond issuance slows");
        using var client = new HttpClient { BaseAddress = app.RootUri };

        foreach (var url in new[] { "/api/v1/articles", $"/api/v1/articles/{article.Slug}" })
        {
            var get = await client.GetAsync(url, Ct);
            var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url), Ct);
            Assert.True(head.StatusCode == HttpStatusCode.OK, $"HEAD {url}: {(int)head.StatusCode}");
            Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
            Assert.Equal(get.Headers.CacheControl, head.Headers.CacheControl);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync(Ct));
        }
        var missing = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/articles/no-such-article"), Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
