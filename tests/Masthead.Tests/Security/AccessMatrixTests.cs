using System.Net;
using Masthead.Accounts;
using Masthead.Billing;
using Masthead.Membership;
using Masthead.Tests.Billing;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Security;

/// <summary>THE ACCESS MATRIX: every route the app serves, for every role. Each route must have a row in the route
/// table (Accounts/RouteAccess.cs); the expectation for each role is written here from the row, and the request
/// really goes through the app. A route added without a row fails the first test; a row that opens a route to the
/// wrong role fails the second.</summary>
public sealed class AccessMatrixTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public enum Who { Anonymous, Reader, Pro, Editor, Admin }

    [Fact]
    public async Task EveryRouteTheAppServesHasARowInTheRouteTable()
    {
        // The Stripe webhook is mapped only when Stripe is configured; its row must exist all the same.
        await using var app = await TestApp.StartAsync(Db.Sqlite, new()
        {
            ["Billing:Gateway"] = "stripe",
            ["Billing:Stripe:SecretKey"] = "sk_test_matrix",
            ["Billing:Stripe:WebhookSecret"] = "whsec_matrix",
        });
        var unlisted = Routes(app).Where(r => RouteAccess.For(r.Pattern) is null).Select(r => "/" + RouteAccess.Key(r.Pattern)).ToList();
        Assert.True(unlisted.Count == 0, "routes without a row in Accounts/RouteAccess.cs: " + string.Join(", ", unlisted));
        Assert.Contains(Routes(app), r => r.Pattern.Contains("stripe/webhook", StringComparison.Ordinal));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task EveryRouteAnswersEachRoleAsItsRowSays(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var clients = new Dictionary<Who, HttpClient>
        {
            [Who.Anonymous] = app.CreateBrowserClient(),
            [Who.Reader] = await app.SignedInClientAsync(Roles.Reader),
            [Who.Pro] = await ProClientAsync(app),
            [Who.Editor] = await app.SignedInClientAsync(Roles.Editor),
            [Who.Admin] = await app.SignedInClientAsync(Roles.Admin),
        };
        var failures = new List<string>();
        var routes = Routes(app);
        Assert.True(routes.Count > 60, $"only {routes.Count} routes found");
        foreach (var (pattern, method) in routes)
        {
            var access = RouteAccess.For(pattern) ?? Access.Admin;
            var url = Sample(pattern);
            foreach (var (who, client) in clients)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method == "POST") request.Content = new FormUrlEncodedContent([]);
                var response = await client.SendAsync(request, Ct);
                var outcome = Outcome(response, access);
                var expected = Expected(access, who);
                if (outcome != expected) failures.Add($"{method} {url} ({access}) as {who}: expected {expected}, got {outcome} ({(int)response.StatusCode})");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void EditorsWriteAndSendWhileMoneyPeopleAndMailAreForAdmins()
    {
        // The roles as the newsroom reads them, pinned so a row cannot drift unnoticed.
        foreach (var route in new[] { "admin", "admin/articles", "admin/articles/{id}", "admin/media", "admin/briefings", "admin/briefings/editions/{editionId:long}" })
        {
            Assert.Equal(Access.Staff, RouteAccess.For(route));
        }
        foreach (var route in new[] { "admin/members", "admin/members/{userId}", "admin/billing", "admin/plans", "admin/mail", "admin/mail/{id}", "admin/delivery", "admin/subscribers", "admin/subscribers/export" })
        {
            Assert.Equal(Access.Admin, RouteAccess.For(route));
        }
    }

    private enum Result { Allowed, SignInFirst, Refused }

    private static Result Expected(Access access, Who who) => access switch
    {
        Access.Anyone => Result.Allowed,
        // Machine endpoints check their own secret: nobody's session opens them.
        Access.Secret => Result.Refused,
        _ when who == Who.Anonymous => Result.SignInFirst,
        Access.SignedIn => Result.Allowed,
        Access.Staff => who is Who.Editor or Who.Admin ? Result.Allowed : Result.Refused,
        _ => who == Who.Admin ? Result.Allowed : Result.Refused,
    };

    /// <summary>Sign-in first: 401, or a redirect to the sign-in page. Refused: 403, a redirect to the denied page,
    /// or for a machine endpoint any 4xx. Anything else (a page, a 404 for the sample id, a 400 for an empty form)
    /// means the request got past authorization.</summary>
    private static Result Outcome(HttpResponseMessage response, Access access)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        if (access == Access.Secret) return (int)response.StatusCode is >= 400 and < 500 ? Result.Refused : Result.Allowed;
        // The denied page says 403 about itself, to everyone.
        if (response.RequestMessage?.RequestUri?.AbsolutePath == "/account/denied" && response.StatusCode == HttpStatusCode.Forbidden) return Result.Allowed;
        if (response.StatusCode == HttpStatusCode.Unauthorized) return Result.SignInFirst;
        if (response.StatusCode == HttpStatusCode.Redirect && location.Contains("/account/signin", StringComparison.Ordinal)) return Result.SignInFirst;
        if (response.StatusCode == HttpStatusCode.Forbidden) return Result.Refused;
        if (response.StatusCode == HttpStatusCode.Redirect && location.Contains("/account/denied", StringComparison.Ordinal)) return Result.Refused;
        return Result.Allowed;
    }

    /// <summary>Every route with each of its methods, static files aside.</summary>
    private static List<(string Pattern, string Method)> Routes(TestApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } m ? m : ["GET"])
                .Where(method => method is "GET" or "POST")
                .Select(method => (e.RoutePattern.RawText ?? "", method)))
            .Distinct()
            .OrderBy(r => r.Item1, StringComparer.Ordinal)
            .ToList();

    /// <summary>The route with sample values: ids that do not exist, so an allowed role gets 404 and a refused one never
    /// reaches the handler.</summary>
    private static string Sample(string pattern)
    {
        var url = "/" + RouteAccess.Key(pattern);
        url = url.Replace("{**path:file}", "no-such-file.txt", StringComparison.Ordinal)
            .Replace("{date:length(10)}", "2026-01-01", StringComparison.Ordinal)
            .Replace("{code:int?}", "404", StringComparison.Ordinal);
        return System.Text.RegularExpressions.Regex.Replace(url, @"\{(\w+)(:int|:long)?\}", m => m.Groups[2].Success ? "987654" : "no-such-" + m.Groups[1].Value);
    }

    private static async Task<HttpClient> ProClientAsync(TestApp app)
    {
        var email = $"pro-{Guid.NewGuid():n}@example.test";
        var client = await app.SignedInClientAsync(null, email);
        var user = await app.WithDbAsync(d => Task.FromResult(d.Users.Single(u => u.Email == email)));
        await app.StartTrialAsync(user);
        Assert.Equal(ReaderTier.Pro, await app.TierAsync(user));
        return client;
    }
}
