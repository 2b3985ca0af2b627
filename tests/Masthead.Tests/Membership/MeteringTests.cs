using System.Net;
using Masthead.Membership.Metering;
using Masthead.Tests.Content;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Masthead.Tests.Membership;

/// <summary>The reading meter: N public articles per 30 days in full for anonymous and free readers,
/// counted in a signed cookie, enforced even when the page comes from the output cache.</summary>
public sealed class MeteringTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Marker = "METERED-BODY-SENTENCE";

    private static async Task<TestApp> StartAsync(Db db, int allowance, bool cached = false)
    {
        var app = await PaywallSupport.StartAsync(db, new()
        {
            ["Paywall:Meter:FreeArticles"] = allowance.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Site:OutputCacheSeconds"] = cached ? "600" : "0",
        });
        foreach (var name in new[] { "alpha", "bravo", "charlie" })
        {
            await app.CreateArticleAsync($"Public {name}", slug: name,
                body: $"Lead of {name}.\n\nSecond paragraph.\n\n{Marker} of {name}.");
        }
        return app;
    }

    private static async Task<bool> ReadsInFullAsync(HttpClient client, string slug)
    {
        var response = await client.GetAsync($"/articles/{slug}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains(ReadingMeter.CountHeader), "the internal count mark must never leave the server");
        var html = await response.Content.ReadAsStringAsync(Ct);
        var full = html.Contains($"{Marker} of {slug}", StringComparison.Ordinal);
        if (!full)
        {
            Assert.Contains($"Lead of {slug}.", html);
            Assert.Contains("href=\"/pricing?return=/articles/" + slug + "\"", html);
        }
        return full;
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AnonymousReaderReadsTheAllowanceInFullThenGetsTheTeaser(Db db)
    {
        await using var app = await StartAsync(db, allowance: 2);
        var client = app.CreateBrowserClient();
        Assert.True(await ReadsInFullAsync(client, "alpha"));
        Assert.True(await ReadsInFullAsync(client, "bravo"));
        Assert.False(await ReadsInFullAsync(client, "charlie"));
        // An article already counted stays open for the rest of the window.
        Assert.True(await ReadsInFullAsync(client, "alpha"));
        // Thirty days later the old reads no longer count.
        app.Time.Advance(TimeSpan.FromDays(31));
        Assert.True(await ReadsInFullAsync(client, "charlie"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ReReadingACountedArticleDoesNotConsumeAnother(Db db)
    {
        await using var app = await StartAsync(db, allowance: 2);
        var client = app.CreateBrowserClient();
        for (var i = 0; i < 4; i++) Assert.True(await ReadsInFullAsync(client, "alpha"));
        Assert.True(await ReadsInFullAsync(client, "bravo"));
        Assert.False(await ReadsInFullAsync(client, "charlie"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ATamperedCookieCountsAsAFreshMeterAndIsReplacedByASignedOne(Db db)
    {
        await using var app = await StartAsync(db, allowance: 1);
        var bare = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        var first = await bare.GetAsync("/articles/alpha", Ct);
        var cookie = MeterCookieOf(first);
        Assert.False(await ReadsWithCookieAsync(bare, "bravo", cookie), "a genuine exhausted meter closes the next article");

        // Editing the payload (here: claiming bravo was the one read) breaks the signature.
        var cut = cookie.LastIndexOf('~');
        var bravoHash = MeterCookie.HashOf("bravo").ToString("x8");
        var forged = cookie[..(cookie.IndexOf('-') + 1)] + bravoHash + cookie[cut..];
        Assert.True(await ReadsWithCookieAsync(bare, "bravo", forged), "a tampered cookie reads as a fresh meter");
        Assert.True(await ReadsWithCookieAsync(bare, "bravo", "garbage~AAAA"));

        var renewed = MeterCookieOf(await SendWithCookieAsync(bare, "charlie", forged));
        Assert.False(await ReadsWithCookieAsync(bare, "alpha", renewed), "the replacement cookie is signed and counts charlie");
        Assert.True(await ReadsWithCookieAsync(bare, "charlie", renewed));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task FreeAccountsAreMeteredAndProMembersAreNot(Db db)
    {
        await using var app = await StartAsync(db, allowance: 1);
        var free = await app.ClientAsync(Role.Free);
        Assert.True(await ReadsInFullAsync(free, "alpha"));
        var teaser = await free.GetOkAsync("/articles/bravo");
        Assert.DoesNotContain($"{Marker} of bravo", teaser);
        Assert.Contains("Start with 1-week free trial", teaser);

        var pro = await app.ClientAsync(Role.Pro);
        foreach (var slug in new[] { "alpha", "bravo", "charlie" }) Assert.True(await ReadsInFullAsync(pro, slug));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ZeroTurnsMeteringOffAndSetsNoCookie(Db db)
    {
        await using var app = await StartAsync(db, allowance: 0);
        var bare = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        foreach (var slug in new[] { "alpha", "bravo", "charlie", "alpha" })
        {
            var response = await bare.GetAsync($"/articles/{slug}", Ct);
            Assert.Contains($"{Marker} of {slug}", await response.Content.ReadAsStringAsync(Ct));
            Assert.False(response.Headers.Contains("Set-Cookie"));
        }
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheMeterIsEnforcedAndCountedWhenPagesComeFromTheOutputCache(Db db)
    {
        await using var app = await StartAsync(db, allowance: 1, cached: true);
        var first = app.CreateBrowserClient();
        var second = app.CreateBrowserClient();
        var third = app.CreateBrowserClient();

        Assert.True(await ReadsInFullAsync(first, "alpha"));     // rendered, stored as the "open" view
        Assert.True(await ReadsInFullAsync(second, "alpha"));    // served from the cache, and still counted:
        Assert.False(await ReadsInFullAsync(second, "bravo"));   // so bravo is closed to the second reader
        Assert.True(await ReadsInFullAsync(third, "bravo"));     // a fresh reader is not served that closed view
        Assert.False(await ReadsInFullAsync(first, "bravo"));    // and the closed view, now cached, still closes
        Assert.True(await ReadsInFullAsync(second, "alpha"));    // a counted article stays open from the cache
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task EachMeteredReadSaysHowManyFreeArticlesAreLeftAndTheWallCountsInTheSameDays(Db db)
    {
        // Cache on: two readers at different points of their meter share nothing but what they should.
        await using var app = await StartAsync(db, allowance: 3, cached: true);
        var first = app.CreateBrowserClient();
        Assert.Contains("You can read 2 more free articles in the next 30 days.", await first.GetOkAsync("/articles/alpha"));
        Assert.Contains("You can read 2 more free articles in the next 30 days.", await first.GetOkAsync("/articles/alpha"));
        Assert.Contains("You can read 1 more free article in the next 30 days.", await first.GetOkAsync("/articles/bravo"));
        Assert.Contains("This is your last free article for the next 30 days.", await first.GetOkAsync("/articles/charlie"));

        var second = app.CreateBrowserClient();
        Assert.Contains("You can read 2 more free articles in the next 30 days.", await second.GetOkAsync("/articles/charlie"));

        await app.CreateArticleAsync("Public delta", slug: "delta", body: $"Lead of delta.\n\nSecond paragraph.\n\n{Marker} of delta.");
        var wall = await first.GetOkAsync("/articles/delta");
        Assert.DoesNotContain($"{Marker} of delta", wall);
        Assert.Contains("You have read your 3 free articles in the last 30 days", wall);
        Assert.DoesNotContain("this month", wall);
        Assert.DoesNotContain("more free article", wall);
    }

    private static string MeterCookieOf(HttpResponseMessage response)
    {
        var header = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(MeterCookie.Name + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", header, StringComparison.OrdinalIgnoreCase);
        var value = header[(MeterCookie.Name.Length + 1)..header.IndexOf(';')];
        return Uri.UnescapeDataString(value);
    }

    private static Task<HttpResponseMessage> SendWithCookieAsync(HttpClient client, string slug, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/articles/{slug}");
        request.Headers.Add("Cookie", $"{MeterCookie.Name}={Uri.EscapeDataString(cookie)}");
        return client.SendAsync(request, Ct);
    }

    private static async Task<bool> ReadsWithCookieAsync(HttpClient client, string slug, string cookie)
    {
        var response = await SendWithCookieAsync(client, slug, cookie);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync(Ct)).Contains($"{Marker} of {slug}", StringComparison.Ordinal);
    }
}
