using System.Net;
using System.ServiceModel.Syndication;
using System.Text.RegularExpressions;
using System.Xml;
using Masthead.Membership.PrivateFeeds;
using Masthead.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Membership;

/// <summary>Private feeds as a member gets them: through the account page's forms, the address read off the page.</summary>
internal static partial class PrivateFeedSupport
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("value=\"http://localhost/feeds/private/([A-Za-z0-9_-]+)/rss.xml\"")]
    private static partial Regex RssAddressRegex();

    /// <summary>Posts one of the panel's forms (Create, Rotate, Revoke) from /account and returns the token the
    /// account page then shows, or null when it shows none.</summary>
    public static async Task<string?> PostPanelAsync(this HttpClient client, string handler) =>
        (await client.PostPanelForPageAsync(handler)).Token;

    /// <summary>The same, with the account page that followed (its notice is shown once).</summary>
    public static async Task<(string? Token, string Page)> PostPanelForPageAsync(this HttpClient client, string handler)
    {
        var response = await client.PostFormAsync($"/account/private-feed?handler={handler}", [], formPage: "/account");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account#private-feed", response.Headers.Location?.OriginalString);
        var page = await client.GetStringAsync("/account", Ct);
        var match = RssAddressRegex().Match(page);
        return (match.Success ? match.Groups[1].Value : null, page);
    }

    /// <summary>A token for a user straight from the service: a reader whose PRO has ended keeps theirs.</summary>
    public static async Task<string> IssueTokenAsync(this TestApp app, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PrivateFeedTokens>().IssueAsync(userId, Ct);
    }

    public static string RssPath(string token) => PrivateFeedEndpoints.PathsFor(token).Rss;

    public static string AtomPath(string token) => PrivateFeedEndpoints.PathsFor(token).Atom;

    /// <summary>The feed parsed by System.ServiceModel.Syndication, which rejects what is not RSS 2.0 or Atom 1.0.</summary>
    public static async Task<(SyndicationFeed Feed, string Xml)> ReadFeedAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertPrivateNoStore(response);
        var xml = await response.Content.ReadAsStringAsync(Ct);
        using var reader = XmlReader.Create(new StringReader(xml));
        SyndicationFeedFormatter formatter = path.EndsWith("/rss.xml", StringComparison.Ordinal) ? new Rss20FeedFormatter() : new Atom10FeedFormatter();
        Assert.True(formatter.CanRead(reader), $"{path} is not {formatter.Version}");
        formatter.ReadFrom(reader);
        return (formatter.Feed, xml);
    }

    public static async Task AssertGoneAsync(this HttpClient client, string token)
    {
        foreach (var path in new[] { RssPath(token), AtomPath(token) })
        {
            var response = await client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(PrivateFeedEndpoints.NotFoundMessage, await response.Content.ReadAsStringAsync(Ct));
            AssertPrivateNoStore(response);
        }
    }

    private static void AssertPrivateNoStore(HttpResponseMessage response) =>
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true }, $"Cache-Control: {response.Headers.CacheControl}");
}
