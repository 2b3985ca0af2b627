using Masthead.Content.Feeds;
using Masthead.Content.Reading;
using Masthead.Site;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Masthead.Membership.PrivateFeeds;

/// <summary>One member's full-text feed of PRO pieces, RSS 2.0 and Atom 1.0, opened by the token in its address
/// alone. What it shows is decided by the token's owner's tier on every request: full text while they hold PRO,
/// the public feeds' teasers the moment it ends. The requester's cookie plays no part, and nothing is cached.</summary>
public static class PrivateFeedEndpoints
{
    public const string RssRoute = "/feeds/private/{token}/rss.xml";
    public const string AtomRoute = "/feeds/private/{token}/atom.xml";

    public const string NotFoundMessage =
        "This private feed address does not work: it was rotated or revoked, or never existed. " +
        "PRO members find their current address on their account page.";

    public static WebApplication MapPrivateFeeds(this WebApplication app)
    {
        app.MapGet(RssRoute, ServeAsync).WithMetadata(new FeedFormat(Rss: true)).Private();
        app.MapGet(AtomRoute, ServeAsync).WithMetadata(new FeedFormat(Rss: false)).Private();
        return app;
    }

    /// <summary>The feed paths of a token, relative to the site.</summary>
    public static (string Rss, string Atom) PathsFor(string token) =>
        (RssRoute.Replace("{token}", token, StringComparison.Ordinal), AtomRoute.Replace("{token}", token, StringComparison.Ordinal));

    // Each response is one member's view: the output cache must never keep it, whatever policy a later change adds.
    private static RouteHandlerBuilder Private(this RouteHandlerBuilder route) =>
        route.RequireRateLimiting(PrivateFeedRateLimit.Name).CacheOutput(p => p.NoCache());

    private sealed record FeedFormat(bool Rss);

    private static async Task<Results<FileContentHttpResult, ContentHttpResult>> ServeAsync(string token,
        PrivateFeedTokens tokens, ArticleQueries queries, IOptions<SiteOptions> options, HttpContext http, CancellationToken ct)
    {
        var site = options.Value;
        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        if (await tokens.OwnerTierAsync(token, ct) is not { } owner)
        {
            return TypedResults.Text(NotFoundMessage, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }
        var items = await queries.ProFeedAsync(owner, ct);
        var (rssPath, atomPath) = PathsFor(token);
        var channel = new FeedChannel($"{site.Name} PRO — your private feed",
            "Memos, trend reports and PRO articles in full, for one member. Keep this address to yourself.", "/", rssPath, atomPath);
        return http.GetEndpoint()?.Metadata.GetMetadata<FeedFormat>()?.Rss ?? true
            ? TypedResults.Bytes(RssWriter.Write(channel, items, site, queries.Now), XmlOutput.RssContentType)
            : TypedResults.Bytes(AtomWriter.Write(channel, items, site, queries.Now), XmlOutput.AtomContentType);
    }
}
