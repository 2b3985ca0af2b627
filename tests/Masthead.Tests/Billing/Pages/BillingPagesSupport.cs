using System.Net;
using Masthead.Accounts;
using Masthead.Billing.Gateway;
using Masthead.Content;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Billing.Pages;

/// <summary>A signed-in reader's browser and their user row.</summary>
internal sealed record Reader(HttpClient Client, User User);

/// <summary>Drives the reader billing pages through HTTP, as a browser would.</summary>
internal static class BillingPagesSupport
{
    public const string ProBody = "PRO-MEMO-BODY-MARKER: the pipeline figure our sources gave us.";
    public const string ArticlePath = "/articles/gas-field-memo";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<Reader> ReaderAsync(this TestApp app)
    {
        var email = $"reader-{Guid.NewGuid():n}@example.test";
        var client = await app.SignedInClientAsync(email: email);
        var user = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email, Ct));
        return new Reader(client, user);
    }

    public static Task<Article> ProArticleAsync(this TestApp app) =>
        app.CreateArticleAsync("Gas field memo", access: AccessLevel.Pro, body: "The lead paragraph.\n\n" + ProBody, slug: "gas-field-memo");

    public static Dictionary<string, string> Card(int priceId, string number = "4242 4242 4242 4242", string expiry = "12/30",
        string? returnPath = ArticlePath) => new()
    {
        ["Price"] = priceId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Number"] = number, ["Expiry"] = expiry,
        ["Cvc"] = "123", ["Name"] = "Rana Haddad", ["return"] = returnPath ?? "",
    };

    /// <summary>Posts the test checkout form with a token taken from the checkout page for that price.</summary>
    public static Task<HttpResponseMessage> CheckoutAsync(this Reader reader, int priceId, string number = TestCards.Succeeds,
        string expiry = "12/30", int? postedPrice = null) =>
        reader.Client.PostFormAsync("/billing/checkout", Card(postedPrice ?? priceId, number, expiry), $"/billing/checkout?price={priceId}");

    public static async Task<string> HtmlAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"GET {url} answered {(int)response.StatusCode}, expected {(int)expected}");
        return html;
    }

    public static Task<int> SubscriptionCountAsync(this TestApp app, User user) =>
        app.WithDbAsync(db => db.BillingSubscriptions.CountAsync(s => s.UserId == user.Id, Ct));
}
