using Masthead.Billing;
using Masthead.Billing.Gateway;
using Masthead.Billing.Plans;
using Masthead.Content;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Masthead.BrowserTests;

/// <summary>With the output cache on, as in production: what a PRO member's browser was shown never reaches the
/// next visitor, whichever way the member's request wrote its Cookie header.</summary>
public sealed class PaywallCacheJourneyTests
{
    private const string Marker = "The buyers booked the cargo before the quota meeting.";
    private const string Slug = "lng-cargo-memo";

    [Fact]
    public async Task AProMemberReadsAMemoAndAFreshBrowserOnTheSameUrlSeesTheTeaser()
    {
        await using var browser = await BrowserSession.LaunchAsync();
        await using var app = await TestApp.StartOnKestrelAsync(new()
        {
            ["Site:OutputCacheSeconds"] = "600",
            ["Billing:ClockEnabled"] = "false",
        });
        await app.CreateArticleAsync("LNG cargo memo", access: AccessLevel.Pro, sectionSlug: "energy",
            body: "Two buyers moved early this month.\n\nThe third held back.\n\n" + Marker, slug: Slug);
        const string email = "pro.member@example.test";
        var user = await app.CreateUserAsync(email);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var gateway = scope.ServiceProvider.GetRequiredService<TestPaymentGateway>();
            var card = gateway.Tokenize(new TestCardInput(TestCards.Succeeds, 12, 2030, "123")).Token!;
            var db = scope.ServiceProvider.GetRequiredService<Masthead.Data.MastheadDb>();
            var price = await db.BillingPrices.Where(p => p.Plan!.Slug == PlanSlugs.Pro && p.Interval == BillingInterval.Year && p.Active)
                .Select(p => p.Id).SingleAsync();
            await scope.ServiceProvider.GetRequiredService<BillingService>().StartTrialAsync(user.Id, price, card, CancellationToken.None);
        }

        // The member signs in with their password and reads the memo in full.
        var member = await browser.NewPageAsync(app.RootUri);
        await member.GotoAsync("/account/signin");
        await member.FillAsync("#email", email);
        await member.FillAsync("#password", TestApp.TestPassword);
        await member.GetByRole(AriaRole.Button, new() { Name = "Sign in with password" }).ClickAsync();
        await member.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal));
        await member.GotoAsync("/articles/" + Slug);
        Assert.Contains(Marker, await member.Locator("main").InnerTextAsync());
        await BrowserSession.ScreenshotAsync(member, "paywall-cache-1-member");

        // The same cookie sent as the sweep sent it: after a tab, under an upper-case name.
        var auth = (await member.Context.CookiesAsync()).Single(c => c.Name == "masthead.auth").Value;
        var odd = await member.Context.APIRequest.GetAsync("/articles/" + Slug, new()
        {
            Headers = new Dictionary<string, string> { ["Cookie"] = $"x=1;\tMASTHEAD.AUTH={auth}" },
        });
        Assert.Equal(200, odd.Status);

        // A new browser with no cookies at the same address: the teaser and the call to action, not the body.
        var visitor = await browser.NewPageAsync(app.RootUri);
        await visitor.GotoAsync("/articles/" + Slug);
        var main = await visitor.Locator("main").InnerTextAsync();
        Assert.DoesNotContain(Marker, main);
        Assert.Contains("Two buyers moved early this month.", main);
        Assert.True(await visitor.GetByRole(AriaRole.Heading, new() { Name = "This analysis is for PRO members" }).IsVisibleAsync());
        await BrowserSession.ScreenshotAsync(visitor, "paywall-cache-2-next-visitor");
    }
}
