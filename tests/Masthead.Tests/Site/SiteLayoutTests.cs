using System.Net;
using System.Text.RegularExpressions;
using Masthead.Accounts;
using Masthead.Content;
using Masthead.Tests.Support;

namespace Masthead.Tests.Site;

public sealed partial class SiteLayoutTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(Databases))]
    public async Task SecurityHeadersAreOnHomeNotFoundAndHealth(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = app.CreateBrowserClient();

        foreach (var (path, status) in new[] { ("/", HttpStatusCode.OK), ("/articles/missing", HttpStatusCode.NotFound), ("/healthz", HttpStatusCode.OK) })
        {
            var response = await client.GetAsync(path, Ct);
            Assert.Equal(status, response.StatusCode);
            var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.True(response.Headers.Contains("Referrer-Policy"));
        }
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex StylesheetRegex();

    [Theory, ClassData(typeof(Databases))]
    public async Task StylesheetUrlIsFingerprintedAndCachedImmutably(Db db)
    {
        // Tests run from build output, where MapStaticAssets patches assets at runtime and sends no-cache
        // unless told otherwise; a published app serves the manifest's headers, which this setting restores.
        await using var app = await TestApp.StartAsync(db, new() { ["EnableStaticAssetsDevelopmentCaching"] = "true" });
        var client = app.CreateBrowserClient();
        var html = await client.GetStringAsync("/", Ct);

        var href = StylesheetRegex().Match(html).Groups[1].Value;
        Assert.Matches("^/css/site\\.[a-z0-9]+\\.css$", href);
        var css = await client.GetAsync(href, Ct);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        var cacheControl = css.Headers.CacheControl!;
        Assert.True(cacheControl.MaxAge >= TimeSpan.FromDays(365), cacheControl.ToString());
        Assert.Contains("immutable", cacheControl.ToString());
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AnonymousReaderSeesSignInAndSubscribe(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var html = await app.CreateBrowserClient().GetStringAsync("/", Ct);

        Assert.Contains("<a href=\"/account/signin\">Sign in</a>", html);
        Assert.Contains("href=\"/account/signup\">Subscribe</a>", html);
        Assert.DoesNotContain("/account/signout", html);
        Assert.DoesNotContain("href=\"/admin\"", html);
        Assert.Contains("<a class=\"skip-link\" href=\"#main\">", html);
        Assert.Contains("href=\"/feed.xml\"", html);
        Assert.Contains("type=\"application/atom+xml\"", html);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task SignedInReaderSeesAccountAndSignOutButNoAdminAndNoTokenThePageCouldLeak(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var reader = await app.SignedInClientAsync();
        var editor = await app.SignedInClientAsync(Roles.Editor);

        var readerHtml = await reader.GetStringAsync("/", Ct);
        Assert.Contains("<a href=\"/account\">Account</a>", readerHtml);
        // Reader pages are shared between readers of one tier, so sign-out is a link to its token-protected page.
        Assert.Contains("<a href=\"/account/signout\">Sign out</a>", readerHtml);
        Assert.DoesNotContain("__RequestVerificationToken", readerHtml);
        Assert.DoesNotContain("href=\"/account/signin\"", readerHtml);
        Assert.DoesNotContain("href=\"/admin\"", readerHtml);

        Assert.Contains("<a href=\"/admin\">Admin</a>", await editor.GetStringAsync("/", Ct));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task NavigationListsSectionsInPositionOrder(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.WithDbAsync(async d =>
        {
            d.Sections.Add(new Section { Slug = "markets", Name = "Markets", Position = 2 });
            d.Sections.Add(new Section { Slug = "security", Name = "Security", Position = 0 });
            d.Sections.Add(new Section { Slug = "energy", Name = "Energy", Position = 1 });
            await d.SaveChangesAsync(Ct);
        });

        var html = await app.CreateBrowserClient().GetStringAsync("/", Ct);
        var nav = html[html.IndexOf("aria-label=\"Sections\"", StringComparison.Ordinal)..];

        var security = nav.IndexOf("/sections/security", StringComparison.Ordinal);
        var energy = nav.IndexOf("/sections/energy", StringComparison.Ordinal);
        var markets = nav.IndexOf("/sections/markets", StringComparison.Ordinal);
        Assert.True(security >= 0 && security < energy && energy < markets, "sections in Position order");
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task PagesUseNoInlineStylesOrScripts(Db db)
    {
        await using var app = await TestApp.StartAsync(db, new() { ["Site:OutputCacheSeconds"] = "0" });
        await app.CreateArticleAsync("Style check", sectionSlug: "energy", tagSlugs: ["oil"], authorName: "Rana Haddad");
        var client = app.CreateBrowserClient();

        foreach (var path in new[] { "/", "/articles/style-check", "/sections/energy", "/tags/oil", "/authors/rana-haddad", "/missing" })
        {
            var html = await (await client.GetAsync(path, Ct)).Content.ReadAsStringAsync(Ct);
            Assert.DoesNotContain("style=", html);
            Assert.DoesNotContain("<style", html);
            Assert.DoesNotMatch("<script(?![^>]*application/ld\\+json)", html);
        }
    }
}
