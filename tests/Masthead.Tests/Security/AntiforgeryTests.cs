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
        var admin = await app.SignedInClientAsync(Roles.Admin);
        var checkedForms = 0;
        foreach (var route in EndpointCatalog.ParameterlessGetRoutes(app))
        {
            if (route.EndsWith(".xml") || route.EndsWith(".txt") || route == "/healthz") continue;
            var client = route.StartsWith("/admin") ? admin : anonymous;
            var response = await client.GetAsync(route, TestContext.Current.CancellationToken);
            if (response.StatusCode != HttpStatusCode.OK) continue;
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
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
                Assert.Contains("__RequestVerificationToken", form.Value);
                var before = await app.WithDbAsync(db => Task.FromResult(db.Articles.Count() + db.Users.Count()));
                var forged = await client.PostFormWithoutTokenAsync(action, new() { ["Email"] = "attacker@example.test", ["Title"] = "Forged" });
                Assert.True(forged.StatusCode == HttpStatusCode.BadRequest, $"POST {action} (form on {route}) without a token answered {(int)forged.StatusCode}");
                var after = await app.WithDbAsync(db => Task.FromResult(db.Articles.Count() + db.Users.Count()));
                Assert.Equal(before, after);
                checkedForms++;
            }
        }
        Assert.True(checkedForms > 0, "no POST forms were found to check");
    }
}
