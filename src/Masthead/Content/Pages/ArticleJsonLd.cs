using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Masthead.Content.Cards;
using Masthead.Content.Reading;
using Masthead.Site;
using Masthead.Site.Images;

namespace Masthead.Content.Pages;

/// <summary>schema.org NewsArticle for search engines, serialised (never concatenated) so any text in a
/// title or name stays inside its JSON string.</summary>
public static class ArticleJsonLd
{
    /// <summary>Class of the element holding a gated body; the JSON-LD's <c>hasPart.cssSelector</c> names it,
    /// per the structured-data convention for paywalled content.</summary>
    public const string GatedClass = "paywalled-content";

    // Keeps non-Latin headlines readable but still escapes the HTML-sensitive characters (< > & ' "), so
    // "</script>" inside a value comes out as "\u003C/script\u003E" and cannot close the script element.
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static string For(ArticleDetail article, SiteOptions site)
    {
        var url = site.Absolute(ReaderPaths.Article(article.Slug));
        // A property of the article, not of this reader's view: members and PRO pieces are never free.
        var free = ContentAccess.IsOpenToEveryone(article.Access);
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "NewsArticle",
            ["headline"] = article.Title,
            ["description"] = article.Dek,
            ["datePublished"] = Display.Iso(article.PublishedAt),
            ["dateModified"] = Display.Iso(article.UpdatedAt > article.PublishedAt ? article.UpdatedAt : article.PublishedAt),
            ["publisher"] = new Dictionary<string, object?>
            {
                ["@type"] = "Organization",
                ["name"] = site.Name,
                ["url"] = site.Absolute("/"),
                ["logo"] = new Dictionary<string, object?>
                {
                    ["@type"] = "ImageObject",
                    ["url"] = site.Absolute("/logo.png"),
                    ["width"] = BrandImages.LogoSize,
                    ["height"] = BrandImages.LogoSize,
                },
            },
            ["mainEntityOfPage"] = new Dictionary<string, object?> { ["@type"] = "WebPage", ["@id"] = url },
            ["url"] = url,
            ["inLanguage"] = article.Language,
            ["isAccessibleForFree"] = free,
        };
        if (!free)
        {
            data["hasPart"] = new Dictionary<string, object?>
            {
                ["@type"] = "WebPageElement",
                ["isAccessibleForFree"] = false,
                ["cssSelector"] = "." + GatedClass,
            };
        }
        if (article.Authors.Count > 0)
        {
            data["author"] = article.Authors.Select(a => new Dictionary<string, object?>
            {
                ["@type"] = "Person",
                ["name"] = a.Name,
                ["url"] = site.Absolute(ReaderPaths.Author(a.Slug)),
            }).ToList();
        }
        // The social card, a raster image search engines accept (an SVG hero is not one); the hero too when it is.
        data["image"] = new[] { site.Absolute(SocialCards.ArticleCardPath(article, site)) }
            .Concat(article.HeroImageUrl is { Length: > 0 } hero && !hero.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) ? [site.Absolute(hero)] : [])
            .ToList();
        if (article.Section is { } section) data["articleSection"] = section.Name;
        if (article.Tags.Count > 0) data["keywords"] = article.Tags.Select(t => t.Name).ToList();
        return JsonSerializer.Serialize(data, Options);
    }
}
