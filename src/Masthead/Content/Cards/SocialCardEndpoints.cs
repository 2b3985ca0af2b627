using Masthead.Content.Reading;
using Masthead.Site;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Masthead.Content.Cards;

/// <summary>
/// | route                              | what                                                         |
/// |------------------------------------|--------------------------------------------------------------|
/// | GET /cards/articles/{slug}.png     | a visible article's social card, for anyone (PRO pieces too: the card holds no body) |
/// | GET /cards/home.png                | the home page's card: the site's name and tagline            |
/// The article page and the home page name these in og:image and twitter:image; they are separate requests, so
/// drawing a card never slows a page. The query (?v=) only tells crawlers a card changed and is not read here.
/// </summary>
internal static class SocialCardEndpoints
{
    /// <summary>A day in any cache; the entity tag is the card's version, so a revalidation costs a 304.</summary>
    public const string CacheControl = "public, max-age=86400";

    public static IEndpointRouteBuilder MapSocialCards(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/cards/articles/{slug}.png", [HttpMethods.Get, HttpMethods.Head], ArticleCardAsync);
        app.MapMethods("/cards/home.png", [HttpMethods.Get, HttpMethods.Head], HomeCardAsync);
        return app;
    }

    public static async Task<Results<PhysicalFileHttpResult, NotFound>> ArticleCardAsync(string slug, HttpContext http,
        ArticleQueries queries, SocialCards cards, IOptions<SiteOptions> site)
    {
        if (await queries.FindArticleAsync(slug, http.RequestAborted) is not { } article) return TypedResults.NotFound();
        var card = SocialCards.ForArticle(article, site.Value);
        return Serve(http, card, await cards.FileAsync(SocialCards.ArticleOwner(article.Id), card));
    }

    public static async Task<PhysicalFileHttpResult> HomeCardAsync(HttpContext http, SocialCards cards, IOptions<SiteOptions> site)
    {
        var card = SocialCards.ForHome(site.Value);
        return Serve(http, card, await cards.FileAsync(SocialCards.HomeOwner, card));
    }

    private static PhysicalFileHttpResult Serve(HttpContext http, SocialCard card, string path)
    {
        http.Response.Headers.CacheControl = CacheControl;
        return TypedResults.PhysicalFile(path, "image/png", entityTag: new EntityTagHeaderValue($"\"{SocialCards.Version(card)}\""));
    }
}
