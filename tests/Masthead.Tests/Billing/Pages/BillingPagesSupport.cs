using System.Net;
using System.Text.RegularExpressions;
using Masthead.Accounts;
using Masthead.Billing.Gateway;
using Masthead.Content;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Billing.Pages;

/// <summary>A signed-in reader's browser and their user row.</summary>
internal sealed record Reader(HttpClient Client, User User);

/// <summary>Drives the reader billing pages through HTTP, as a browser would.</summary>
internal static partial class BillingPagesSupport
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

    /// <summary>Posts the test checkout form with the token taken from that form on the checkout page for that price.</summary>
    public static Task<HttpResponseMessage> CheckoutAsync(this Reader reader, int priceId, string number = TestCards.Succeeds,
        string expiry = "12/30", int? postedPrice = null) =>
        reader.Client.PostOwnFormAsync("/billing/checkout", Card(postedPrice ?? priceId, number, expiry), $"/billing/checkout?price={priceId}");

    [GeneratedRegex("<form\\b[^>]*method=\"post\"[^>]*>(.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex PostForm();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("action=\"([^\"]*)\"")]
    private static partial Regex Action();

    /// <summary>The POST forms of a page as (action, token or null): the token must be inside the form itself,
    /// not borrowed from another form on the page (the layout's sign-out form has one).</summary>
    public static List<(string Action, string? Token)> PostForms(string html, string pageUrl) =>
        PostForm().Matches(html).Select(m => (
            WebUtility.HtmlDecode(Action().Match(m.Value) is { Success: true } a ? a.Groups[1].Value : pageUrl),
            Token().Match(m.Value) is { Success: true } t ? WebUtility.HtmlDecode(t.Groups[1].Value) : null)).ToList();

    /// <summary>Posts to <paramref name="url"/> with the token of the form on <paramref name="formPage"/> whose action it is.</summary>
    public static async Task<HttpResponseMessage> PostOwnFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        formPage ??= url;
        var html = await client.HtmlAsync(formPage);
        var form = PostForms(html, formPage).FirstOrDefault(f => f.Action == url);
        Assert.True(form.Action is not null, $"no form posting to {url} on {formPage}");
        Assert.True(form.Token is not null, $"the form posting to {url} on {formPage} has no antiforgery token");
        var all = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", form.Token!) };
        return await client.PostAsync(url, new FormUrlEncodedContent(all), Ct);
    }

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
