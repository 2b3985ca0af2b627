using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Text.Json;
using Masthead.Content;
using Masthead.Tests.Content;
using Masthead.Tests.Support;

namespace Masthead.Tests.Membership;

/// <summary>What a gated article looks like on each surface: teaser and call to action, structured data,
/// the JSON API's shape, and the output cache keeping views apart.</summary>
public sealed class PaywallPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Slug = PaywallMatrixTests.Slug;
    private const string Lead = PaywallMatrixTests.Lead;
    private const string Sentence = PaywallMatrixTests.Sentence;

    private static Task SeedAsync(TestApp app) => PaywallMatrixTests.SeedAsync(app);

    [Theory, ClassData(typeof(Databases))]
    public async Task ProTeaserShowsTheLeadAndATrialCallToActionButNeverTheRest(Db db)
    {
        await using var app = await PaywallSupport.StartAsync(db, ReaderTestSupport.NoCache);
        await SeedAsync(app);
        var html = await app.CreateBrowserClient().GetOkAsync($"/articles/{Slug}");

        Assert.Contains(Lead, html);
        Assert.DoesNotContain("The second paragraph", html);
        Assert.DoesNotContain(Sentence, html);
        Assert.Contains("aria-labelledby=\"paywall-title\"", html);
        Assert.Contains($"<a class=\"button\" href=\"/pricing?return=/articles/{Slug}\">Start with 1-week free trial</a>", html);
        Assert.Contains($"Already a member? <a href=\"/account/signin?returnUrl=%2Farticles%2F{Slug}\">Sign in</a>", html);
        Assert.Contains($"<meta property=\"og:description\" content=\"Dek for Tanker swap memo\" />", html);

        // A signed-in free reader is offered the trial, not a sign-in.
        var free = await (await app.ClientAsync(Role.Free)).GetOkAsync($"/articles/{Slug}");
        Assert.Contains("Start with 1-week free trial", free);
        Assert.DoesNotContain("Already a member?", free);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task MembersTeaserOffersAFreeAccountAndSignIn(Db db)
    {
        await using var app = await PaywallSupport.StartAsync(db, ReaderTestSupport.NoCache);
        await app.CreateArticleAsync("Members note", access: AccessLevel.Members, body: "MEMBERS-NOTE-BODY");
        var html = await app.CreateBrowserClient().GetOkAsync("/articles/members-note");
        Assert.DoesNotContain("MEMBERS-NOTE-BODY", html);
        Assert.Contains("href=\"/account/signup?returnUrl=%2Farticles%2Fmembers-note\">Create a free account</a>", html);
        Assert.Contains("href=\"/account/signin?returnUrl=%2Farticles%2Fmembers-note\">Sign in</a>", html);
        // The teaser itself does not push PRO (the site header and footer link to /pricing on every page).
        Assert.DoesNotContain("/pricing", html[html.IndexOf("<section class=\"paywall\"", StringComparison.Ordinal)..html.IndexOf("</section>", html.IndexOf("<section class=\"paywall\"", StringComparison.Ordinal), StringComparison.Ordinal)]);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task JsonLdMarksTheGatedSectionThatEntitledReadersGetInThatElement(Db db)
    {
        await using var app = await PaywallSupport.StartAsync(db, ReaderTestSupport.NoCache);
        await SeedAsync(app);
        foreach (var role in new[] { Role.Anonymous, Role.Pro })
        {
            var html = await (await app.ClientAsync(role)).GetOkAsync($"/articles/{Slug}");
            using var ld = JsonDocument.Parse(Assert.Single(ReaderTestSupport.JsonLdBlocks(html)));
            Assert.False(ld.RootElement.GetProperty("isAccessibleForFree").GetBoolean());
            var part = ld.RootElement.GetProperty("hasPart");
            Assert.Equal("WebPageElement", part.GetProperty("@type").GetString());
            Assert.False(part.GetProperty("isAccessibleForFree").GetBoolean());
            Assert.Equal(".paywalled-content", part.GetProperty("cssSelector").GetString());
            Assert.Equal("Dek for Tanker swap memo", ld.RootElement.GetProperty("description").GetString());
            if (role == Role.Pro) Assert.Contains("<div class=\"article-body paywalled-content\"", html);
        }
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ApiListsArticlesAndGivesTheBodyOnlyToReadersAllowedToReadIt(Db db)
    {
        await using var app = await PaywallSupport.StartAsync(db, ReaderTestSupport.NoCache);
        await SeedAsync(app);
        await app.CreateArticleAsync("Open report", body: "OPEN-REPORT-BODY", sectionSlug: "energy");
        await app.CreateArticleAsync("Unfinished draft", status: ArticleStatus.Draft);
        var anonymous = app.CreateBrowserClient();

        var list = await anonymous.GetAsync("/api/v1/articles", Ct);
        Assert.Equal("application/json", list.Content.Headers.ContentType?.MediaType);
        using (var doc = JsonDocument.Parse(await list.Content.ReadAsStringAsync(Ct)))
        {
            var items = doc.RootElement.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(["open-report", Slug], items.Select(i => i.GetProperty("slug").GetString()).Order().ToArray());
            var pro = items.Single(i => i.GetProperty("slug").GetString() == Slug);
            Assert.Equal("pro", pro.GetProperty("access").GetString());
            Assert.Equal("energy", pro.GetProperty("section").GetString());
            Assert.Equal(["shipping"], pro.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToArray());
            Assert.Equal($"http://localhost/articles/{Slug}", pro.GetProperty("url").GetString());
            Assert.Equal("2026-11-20T08:55:00Z", pro.GetProperty("published").GetString());
            Assert.False(pro.TryGetProperty("bodyHtml", out _));
        }

        using (var gated = JsonDocument.Parse(await anonymous.GetOkAsync($"/api/v1/articles/{Slug}")))
        {
            Assert.Equal(JsonValueKind.Null, gated.RootElement.GetProperty("bodyHtml").ValueKind);
            Assert.True(gated.RootElement.GetProperty("gated").GetBoolean());
            Assert.Contains(Lead, gated.RootElement.GetProperty("teaser").GetString());
        }
        using (var open = JsonDocument.Parse(await (await app.ClientAsync(Role.Trialing)).GetOkAsync($"/api/v1/articles/{Slug}")))
        {
            Assert.Contains(Sentence, open.RootElement.GetProperty("bodyHtml").GetString());
            Assert.False(open.RootElement.GetProperty("gated").GetBoolean());
            Assert.Equal(JsonValueKind.Null, open.RootElement.GetProperty("teaser").ValueKind);
        }

        foreach (var missing in new[] { "/api/v1/articles/no-such-piece", "/api/v1/articles/unfinished-draft", "/api/v1/articles?page=9" })
        {
            var response = await anonymous.GetAsync(missing, Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task CachedViewsNeverCrossBetweenAnonymousAndProReaders(Db db)
    {
        await using var app = await PaywallSupport.StartAsync(db, new() { ["Site:OutputCacheSeconds"] = "600" });
        await SeedAsync(app);
        await app.CreateArticleAsync("Second memo", access: AccessLevel.Pro, body: $"{Lead}\n\nMore.\n\nSECOND-MEMO-BODY.");
        var anonymous = app.CreateBrowserClient();
        var pro = await app.ClientAsync(Role.Pro);

        // Anonymous first: the cached teaser is not what the PRO member gets.
        Assert.DoesNotContain(Sentence, await anonymous.GetOkAsync($"/articles/{Slug}"));
        Assert.Contains(Sentence, await pro.GetOkAsync($"/articles/{Slug}"));
        Assert.DoesNotContain(Sentence, await anonymous.GetOkAsync($"/articles/{Slug}"));
        Assert.Contains(Sentence, await pro.GetOkAsync($"/api/v1/articles/{Slug}"));
        Assert.DoesNotContain(Sentence, await anonymous.GetOkAsync($"/api/v1/articles/{Slug}"));

        // PRO first: the member's view is never stored for the next anonymous reader.
        Assert.Contains("SECOND-MEMO-BODY", await pro.GetOkAsync("/articles/second-memo"));
        Assert.Contains("SECOND-MEMO-BODY", await pro.GetOkAsync("/api/v1/articles/second-memo"));
        Assert.DoesNotContain("SECOND-MEMO-BODY", await anonymous.GetOkAsync("/articles/second-memo"));
        Assert.DoesNotContain("SECOND-MEMO-BODY", await anonymous.GetOkAsync("/api/v1/articles/second-memo"));
    }
    [Theory, ClassData(typeof(Databases))]
    public async Task ReadersOfOneTierShareOneCachedViewThatHoldsNothingOfTheReaderWhoFilledIt(Db db)
    {
        await using var app = await PaywallSupport.StartAsync(db, new() { ["Site:OutputCacheSeconds"] = "600" });
        await SeedAsync(app);
        var path = $"/articles/{Slug}";
        var anonymous = app.CreateBrowserClient();
        Assert.False(await FromCacheAsync(anonymous, path));
        var trialing = await app.ClientAsync(Role.Trialing);
        var first = await trialing.GetAsync(path, Ct);
        Assert.Contains(Sentence, await first.Content.ReadAsStringAsync(Ct));
        Assert.Null(first.Headers.Age);
        Assert.True(first.Headers.CacheControl is { Private: true, NoCache: true, NoStore: false }, $"Cache-Control: {first.Headers.CacheControl}");

        // Another reader of the same tier is served the stored view (the output cache marks a hit with Age)...
        var pro = await (await app.ClientAsync(Role.Pro)).GetAsync(path, Ct);
        var proHtml = await pro.Content.ReadAsStringAsync(Ct);
        Assert.NotNull(pro.Headers.Age);
        Assert.Contains(Sentence, proHtml);
        // ...which holds nothing of the member who filled it: no address, no antiforgery token.
        Assert.DoesNotContain(PaywallSupport.EmailOf(Role.Trialing), proHtml);
        Assert.DoesNotContain("__RequestVerificationToken", proHtml);

        // Other tiers get views of their own: a free reader's is rendered for them, with the teaser.
        var free = await (await app.ClientAsync(Role.Canceled)).GetAsync(path, Ct);
        Assert.Null(free.Headers.Age);
        Assert.DoesNotContain(Sentence, await free.Content.ReadAsStringAsync(Ct));
        Assert.Contains(Sentence, await (await app.ClientAsync(Role.Editor)).GetOkAsync(path));

        // A sign-in cookie that does not authenticate is neither served a stored view nor stored.
        var forged = app.CreateBrowserClient();
        forged.DefaultRequestHeaders.Add("Cookie", "masthead.auth=not-a-ticket");
        Assert.False(await FromCacheAsync(forged, path));
        Assert.False(await FromCacheAsync(forged, path));
        Assert.True(await FromCacheAsync(anonymous, path));
    }

    private static async Task<bool> FromCacheAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Sentence, await response.Content.ReadAsStringAsync(Ct));
        return response.Headers.Age is not null;
    }
}
