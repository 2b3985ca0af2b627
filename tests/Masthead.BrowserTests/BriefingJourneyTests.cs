using Masthead.Briefings;
using Masthead.Briefings.Editions;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;

namespace Masthead.BrowserTests;

public sealed class BriefingJourneyTests
{
    [Fact]
    public async Task ReaderSubscribesOnTheHomePageConfirmsReceivesAnEditionAndUnsubscribesInOneClick()
    {
        await using var browser = await BrowserSession.LaunchAsync();
        await using var app = await TestApp.StartOnKestrelAsync();
        await app.CreateArticleAsync("Gulf sovereign funds rotate into private credit", sectionSlug: "markets",
            body: "Three funds have moved **billions** into private credit this quarter.");
        var page = await browser.NewPageAsync(app.RootUri);
        const string email = "briefing.reader@example.test";

        // Subscribe from the box on the home page (Daily Briefing is ticked by default there).
        await page.GotoAsync("/");
        var box = page.Locator("form[action='/briefings/subscribe']").First;
        await box.Locator("input[type=email]").FillAsync(email);
        // One click: the box POSTs, so the address goes into no URL, and the next page says to check the inbox.
        var urls = new List<string>();
        page.Request += (_, request) => urls.Add(request.Url);
        await BrowserSession.ScreenshotAsync(page, "briefing-1-subscribe");
        await box.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await page.WaitForURLAsync("**/briefings/thanks");
        Assert.Contains("Check your email", await page.Locator("h1").InnerTextAsync());
        Assert.DoesNotContain(urls, u => u.Contains("example.test", StringComparison.OrdinalIgnoreCase) || u.Contains("%40", StringComparison.Ordinal));
        await BrowserSession.ScreenshotAsync(page, "briefing-2-check-email");

        // Confirm from the email in the pickup folder.
        var confirmation = await WaitForMailAsync(app, email, m => Mailbox.FindLink(m, "/briefings/confirm") is not null);
        await page.GotoAsync(Mailbox.FindLink(confirmation, "/briefings/confirm")!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my subscription" }).ClickAsync();
        await BrowserSession.ScreenshotAsync(page, "briefing-3-confirmed");
        var daily = await app.WithDbAsync(db => db.BriefingLists.SingleAsync(l => l.Slug == "daily-briefing"));
        Assert.True(await app.WithDbAsync(db => db.Subscriptions.AnyAsync(s =>
            s.ListId == daily.Id && s.Subscriber!.Email == email && s.Status == SubscriptionStatus.Active)));
        var welcome = await WaitForMailAsync(app, email, m => m.Subject == "Welcome to Daily Briefing");
        Assert.Contains("When it arrives", welcome.TextBody);

        // The desk sends the next edition; the delivery worker writes it to the pickup folder.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var edition = await scope.ServiceProvider.GetRequiredService<EditionBuilder>().PrepareAsync(daily, keepEmpty: false, default);
            var sent = await scope.ServiceProvider.GetRequiredService<EditionSender>().SendNowAsync(edition.Id, default);
            Assert.True(sent.Ok, sent.Error);
            Assert.Equal(1, sent.Recipients);
        }
        var issue = await WaitForMailAsync(app, email, m => m.Headers.Contains("List-Unsubscribe"));
        Assert.Contains("Gulf sovereign funds rotate into private credit", issue.HtmlBody);
        Assert.Equal("List-Unsubscribe=One-Click", issue.Headers["List-Unsubscribe-Post"]);

        // The preference centre opens from the email without a password.
        await page.GotoAsync(Mailbox.FindLink(issue, "/briefings/preferences")!);
        Assert.Contains(email, await page.Locator("main").InnerTextAsync());
        await BrowserSession.ScreenshotAsync(page, "briefing-4-preferences");

        // One click: what a mail provider does with List-Unsubscribe-Post (RFC 8058), no cookies, no token.
        var oneClick = issue.Headers["List-Unsubscribe"].Split(',').Select(u => u.Trim(' ', '<', '>'))
            .Single(u => u.StartsWith("http", StringComparison.Ordinal));
        var provider = await browser.Browser.NewContextAsync();
        var response = await provider.APIRequest.PostAsync(oneClick, new()
        {
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" },
            DataString = "List-Unsubscribe=One-Click",
        });
        Assert.Equal(200, response.Status);
        Assert.True(await app.WithDbAsync(db => db.Subscriptions.AnyAsync(s =>
            s.ListId == daily.Id && s.Subscriber!.Email == email && s.Status == SubscriptionStatus.Unsubscribed)));

        // The preference centre now shows the Daily Briefing unticked.
        await page.ReloadAsync();
        Assert.False(await page.GetByRole(AriaRole.Checkbox, new() { Name = "Daily Briefing" }).IsCheckedAsync());
        await BrowserSession.ScreenshotAsync(page, "briefing-5-unsubscribed");
    }

    [Fact]
    public async Task ASignedInReaderSubscribesFromTheBoxOnACachedArticlePageInOneClick()
    {
        await using var browser = await BrowserSession.LaunchAsync();
        await using var app = await TestApp.StartOnKestrelAsync(new() { ["Site:OutputCacheSeconds"] = "600" });
        await app.CreateArticleAsync("Ankara revises its budget", tagSlugs: ["turkey"], slug: "ankara-budget");
        const string email = "box.reader@example.test";
        await app.CreateUserAsync(email);
        var page = await browser.NewPageAsync(app.RootUri);
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", TestApp.TestPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with password" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal));

        // Twice, so the second view is the shared cached copy; the box on it still works without a token.
        await page.GotoAsync("/articles/ankara-budget");
        await page.GotoAsync("/articles/ankara-budget");
        var box = page.Locator("form[action='/briefings/subscribe']").First;
        Assert.Equal(0, await box.Locator("input[type=email]").CountAsync());
        await box.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await page.WaitForURLAsync("**/account/briefings**");
        Assert.True(await page.GetByRole(AriaRole.Checkbox, new() { Name = "Turkey Briefing" }).IsCheckedAsync());
        await BrowserSession.ScreenshotAsync(page, "briefing-6-box-signed-in");
        var welcome = await WaitForMailAsync(app, email, m => m.Subject == "Welcome to Turkey Briefing");
        Assert.NotNull(Mailbox.FindLink(welcome, "/briefings/preferences"));
    }

    /// <summary>Polls the pickup folder: delivery is asynchronous. Bounded to 30 seconds.</summary>
    private static async Task<MimeMessage> WaitForMailAsync(TestApp app, string to, Func<MimeMessage, bool> match)
    {
        for (var i = 0; i < 120; i++)
        {
            var found = Mailbox.To(app.MailDirectory, to).FirstOrDefault(match);
            if (found is not null) return found;
            await Task.Delay(250);
        }
        throw new TimeoutException($"no matching message to {to} within 30 s");
    }
}
