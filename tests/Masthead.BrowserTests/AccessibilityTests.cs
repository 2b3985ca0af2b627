using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Masthead.Accounts;
using Masthead.Content;
using Masthead.Tests.Support;
using Microsoft.Playwright;

namespace Masthead.BrowserTests;

/// <summary>axe-core (Deque's engine, the one accessibility checkers run) finds no WCAG 2.1 A or AA violation on the
/// reader pages, the signup box and the editor, in the page as Chromium draws it: colours, names and landmarks
/// included. A failure lists each rule with the elements it found.</summary>
public sealed class AccessibilityTests(SharedBrowser shared) : IClassFixture<SharedBrowser>
{
    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        // The editor's preview is a sandboxed frame without scripts, where axe cannot run and would wait for an
        // answer; what it draws is the article page, checked here on its own.
        Iframes = false,
    };

    private static async Task AssertNoViolationsAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        var result = await page.RunAxe(WcagAa);
        var found = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}");
        Assert.True(result.Violations.Length == 0, $"{url}:\n{string.Join("\n", found)}");
    }

    [Fact]
    public async Task ReaderPagesAndTheSignupBoxHaveNoWcagAaViolations()
    {
        var browser = await shared.GetAsync();
        await using var app = await TestApp.StartOnKestrelAsync();
        await app.CreateArticleAsync("Port fees rise at Jebel Ali", sectionSlug: "shipping-and-ports", tagSlugs: ["gulf"]);
        await app.CreateArticleAsync("What the desk expects from OPEC+", access: AccessLevel.Pro, sectionSlug: "energy-markets");
        var page = await browser.NewPageAsync(app.RootUri);

        foreach (var url in new[]
        {
            "/", "/articles/port-fees-rise-at-jebel-ali", "/articles/what-the-desk-expects-from-opec",
            "/sections/shipping-and-ports", "/tags/gulf", "/search?q=port", "/briefings", "/pricing",
            "/account/signin", "/account/signup",
        })
        {
            await AssertNoViolationsAsync(page, url);
        }

        // The signup box after a sign-up: the "check your inbox" state is a page of its own.
        await page.GotoAsync("/briefings");
        await page.Locator("section.signup input[type=email]").First.FillAsync("new.reader@example.test");
        await page.Locator("section.signup button[type=submit]").First.ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var result = await page.RunAxe(WcagAa);
        Assert.True(result.Violations.Length == 0, string.Join("\n", result.Violations.Select(v => $"{v.Id}: {v.Help}")));
    }

    [Fact]
    public async Task TheEditorAndTheAdminHaveNoWcagAaViolations()
    {
        var browser = await shared.GetAsync();
        await using var app = await TestApp.StartOnKestrelAsync();
        const string email = "a11y.editor@example.test";
        await app.CreateUserAsync(email, Roles.Admin);
        var article = await app.CreateArticleAsync("Draft on Gulf bond issuance", status: ArticleStatus.Draft);
        var page = await browser.NewPageAsync(app.RootUri);
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", TestApp.TestPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with password" }).ClickAsync();
        await page.WaitForURLAsync("**/admin**");

        foreach (var url in new[]
        {
            "/admin", "/admin/articles", "/admin/articles/new", $"/admin/articles/{article.Id}", "/admin/media",
            "/admin/briefings", "/admin/members", "/admin/plans", "/admin/billing", "/admin/delivery",
        })
        {
            await AssertNoViolationsAsync(page, url);
        }

        // The editor with its preview drawn beside the form.
        await page.GotoAsync($"/admin/articles/{article.Id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var preview = await page.RunAxe(WcagAa);
        Assert.True(preview.Violations.Length == 0, string.Join("\n", preview.Violations.Select(v => $"{v.Id}: {v.Help}")));
    }
}
