using System.Net;
using System.Text.RegularExpressions;
using Masthead.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.Security;

/// <summary>CSRF: every POST form the app renders carries a token, and posting it without one is refused.</summary>
public sealed partial class AntiforgeryTests
{
    [GeneratedRegex("<form\\b[^>]*method=\"post\"[^>]*>(.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex PostForm();

    [GeneratedRegex("action=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex Action();

    /// <summary>Forms on output-cached pages that POST without a token by design (Briefings/Subscribing/README.md):
    /// a forged POST can at most make a pending subscription and send one confirmation email.</summary>
    private static readonly string[] TokenFreeByDesign = ["/briefings/subscribe"];

    [Fact]
    public async Task EveryPostFormHasATokenAndIsRefusedWithoutIt()
    {
        await using var app = await TestApp.StartAsync();
        var anonymous = app.CreateBrowserClient();
        var reader = await app.SignedInClientAsync(email: "forms.reader@example.test");
        var admin = await app.SignedInClientAsync(Roles.Admin);
        var checkedForms = 0;
        foreach (var route in EndpointCatalog.ParameterlessGetRoutes(app))
        {
            if (route.EndsWith(".xml") || route.EndsWith(".txt") || route == "/healthz") continue;
            // The reader's own pages are read signed in (signed out they only redirect); signing out stays anonymous.
            var client = route.StartsWith("/admin") ? admin : route.StartsWith("/account") && route != "/account/signout" ? reader : anonymous;
            checkedForms += await CheckFormsAsync(app, client, route);
        }
        Assert.True(checkedForms > 0, "no POST forms were found to check");
    }

    /// <summary>Pages whose route takes an id: a form whose action names its handler (action="…?handler=Import")
    /// gets no token unless it asks for one, which the sweep of parameterless routes cannot see.</summary>
    [Fact]
    public async Task FormsOnPagesWithAnIdCarryATokenToo()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.SignedInClientAsync(Roles.Admin);
        var article = await app.CreateArticleAsync("Forms check", kind: Masthead.Content.ArticleKind.TrendReport);
        var chart = await app.WithDbAsync(async db =>
        {
            var c = new Masthead.Content.Charts.Chart { ArticleId = article.Id, Slug = "forms-check", Title = "Forms check", UpdatedAt = DateTime.UtcNow };
            db.Charts.Add(c);
            await db.SaveChangesAsync();
            return c;
        });
        var checkedForms = 0;
        foreach (var route in new[] { $"/admin/articles/{article.Id}", $"/admin/articles/{article.Id}/charts", $"/admin/charts/{chart.Id}" })
        {
            var response = await admin.GetAsync(route, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {route} answered {(int)response.StatusCode}");
            checkedForms += await CheckFormsAsync(app, admin, route);
        }
        Assert.True(checkedForms >= 3, $"only {checkedForms} POST forms were found on the chart pages");
    }

    private static async Task<int> CheckFormsAsync(TestApp app, HttpClient client, string route)
    {
        var response = await client.GetAsync(route, TestContext.Current.CancellationToken);
        if (response.StatusCode != HttpStatusCode.OK) return 0;
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var checkedForms = 0;
        foreach (Match form in PostForm().Matches(html))
        {
            var action = WebUtility.HtmlDecode(Action().Match(form.Value) is { Success: true } a ? a.Groups[1].Value : route);
            if (string.IsNullOrEmpty(action)) action = route;
            if (TokenFreeByDesign.Contains(action))
            {
                var forgedSignup = await client.PostFormWithoutTokenAsync(action, new() { ["Email"] = "attacker@example.test", ["Lists"] = "1" });
                Assert.True((int)forgedSignup.StatusCode < 500);
                Assert.False(await app.WithDbAsync(db => Task.FromResult(db.Subscriptions.Any(x => x.Status == Masthead.Briefings.SubscriptionStatus.Active))),
                    $"a tokenless POST to {action} (form on {route}) started a subscription");
                continue;
            }
            Assert.True(form.Value.Contains("__RequestVerificationToken", StringComparison.Ordinal), $"the form posting to {action} on {route} has no antiforgery token");
            var before = await app.WithDbAsync(db => Task.FromResult(db.Articles.Count() + db.Users.Count()));
            var forged = await client.PostFormWithoutTokenAsync(action, new() { ["Email"] = "attacker@example.test", ["Title"] = "Forged" });
            Assert.True(forged.StatusCode == HttpStatusCode.BadRequest, $"POST {action} (form on {route}) without a token answered {(int)forged.StatusCode}");
            var after = await app.WithDbAsync(db => Task.FromResult(db.Articles.Count() + db.Users.Count()));
            Assert.Equal(before, after);
            checkedForms++;
        }
        return checkedForms;
    }
}
