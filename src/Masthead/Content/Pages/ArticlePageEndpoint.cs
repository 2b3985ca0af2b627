using System.Text.Encodings.Web;
using Masthead.Briefings.Subscribing;
using Masthead.Content.Cards;
using Masthead.Content.Charts;
using Masthead.Content.Reading;
using Masthead.Membership;
using Masthead.Membership.Metering;
using Masthead.Site;
using Masthead.Site.Slices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RazorSlices;

namespace Masthead.Content.Pages;

/// <summary>The article page, <c>GET /articles/{slug}</c>: a Razor Slices template (Site/Slices/ArticlePage.cshtml)
/// written straight to the response from a minimal endpoint. It is the site's hottest page and is rendered per
/// request for every signed-in reader when their views are not shared, and a Razor Pages view alone costs about
/// 0.29 × nginx before it renders anything; outside MVC's view pipeline the page clears 0.3 (bench/README.md, notes 8
/// and 9).</summary>
internal static class ArticlePageEndpoint
{
    public static IEndpointRouteBuilder MapArticlePage(this IEndpointRouteBuilder app)
    {
        // The ReaderView policy keeps one view per tier and meter state (anonymous, free, PRO, staff), so a members
        // or PRO body is only ever served to readers of a tier that may read it; the page holds nothing of one reader.
        // HEAD too, as the Razor Page's OnGet answered it.
        app.MapMethods("/articles/{slug}", [HttpMethods.Get, HttpMethods.Head], GetAsync).CacheOutput(ReaderViewCachePolicy.Name);
        return app;
    }

    public static async Task<Results<RazorSlice<ArticlePageView>, NotFound>> GetAsync(string slug, HttpContext http,
        ArticleQueries queries, ReadingMeter meter, IOptions<SiteOptions> options, ContentMemo memo, SiteNavigation navigation,
        SiteAssets assets, SignupForms signupForms, HtmlEncoder encoder, ChartEmbeds charts)
    {
        var ct = http.RequestAborted;
        if (await queries.FindArticleAsync(slug, ct) is not { } article) return TypedResults.NotFound();
        var tier = await http.ReaderTierAsync(ct);
        var decision = meter.Decide(http, article.Slug, tier);
        var canReadBody = ContentAccess.CanReadBody(tier, article.Access, decision.Exhausted);
        // Marks the response (and so its cached copy) as a metered read; ReadingMeter counts it on the way out.
        if (canReadBody && article.Access == AccessLevel.Public && decision.State == MeterState.Open)
        {
            http.Response.Headers[ReadingMeter.CountHeader] = "1";
        }
        var site = options.Value;
        var signedIn = http.User.Identity?.IsAuthenticated == true;
        // The head elements (JSON-LD included) and the signup box hold nothing personal: rendered once per article
        // (and sign-in state) until content changes.
        var head = (await memo.GetAsync("fragment:head|" + article.Slug, async c =>
            await ArticleHead.Create(ArticleHeadView.For(article, site, ArticleJsonLd.For(article, site))).RenderAsync(encoder, c), ct))!;
        var signup = (await memo.GetAsync($"fragment:signup|{article.Slug}|{signedIn}", async c =>
            await SignupBox.Create(await signupForms.ForArticleAsync(article.Section?.Slug, article.Tags.Select(t => t.Slug), signedIn, c))
                .RenderAsync(encoder, c), ct))!;
        var chrome = SiteChrome.For(http, site, assets, await navigation.SectionsAsync(ct),
            title: article.Title, description: article.Dek, currentSection: article.Section?.Slug);
        var view = new ArticlePageView(article, chrome, head, canReadBody, canReadBody ? null : ArticleTeaser.LeadParagraph(article.BodyHtml),
            new ReadMoreView(article.Access, tier, decision, ReaderPaths.Article(article.Slug)), signup,
            // Charts only where the body is read: they show the data the body is about.
            canReadBody ? await charts.BodyAsync(article, tier, ct) : null);
        var page = ArticlePage.Create(view);
        // The app's encoder (SiteModule: all of Unicode left as is), not the library's default that escapes non-ASCII.
        page.HtmlEncoder = encoder;
        return page;
    }
}

/// <summary>What the article page shows: the article, what this reader may read of it, and the pre-rendered
/// pieces that are the same for every reader.</summary>
public sealed record ArticlePageView(ArticleDetail Article, SiteChrome Chrome, string HeadHtml, bool CanReadBody, string? Teaser,
    ReadMoreView ReadMore, string SignupHtml, string? BodyWithCharts = null)
{
    /// <summary>What the reader of the whole piece sees: a memo's parts, then the body with its charts
    /// (Content/Charts/ChartEmbeds) when they were drawn.</summary>
    public string BodyHtml => Article.MemoHtml + (BodyWithCharts ?? Article.BodyHtml);

    /// <summary>A gated body sits in the element the JSON-LD's hasPart.cssSelector names.</summary>
    public bool IsGated => !ContentAccess.IsOpenToEveryone(Article.Access);

    public DateTime? UpdatedAt => ArticleHeadView.Updated(Article);

    public IEnumerable<NoteView> EditorsNotes => Article.Notes.Where(n => n.Kind == ArticleNoteKind.EditorsNote);

    public IEnumerable<NoteView> Corrections => Article.Notes.Where(n => n.Kind == ArticleNoteKind.Correction);

    /// <summary>For a metered read in full: how many free articles are left before the wall.</summary>
    public string? MeterNote => CanReadBody && Article.Access == AccessLevel.Public && ReadMore.Meter.State == MeterState.Open
        ? ReadMore.Meter.Left switch
        {
            0 => $"This is your last free article for the next {ReadMore.Meter.WindowDays} days.",
            1 => $"You can read 1 more free article in the next {ReadMore.Meter.WindowDays} days.",
            var n => $"You can read {n} more free articles in the next {ReadMore.Meter.WindowDays} days.",
        }
        : null;
}

/// <summary>The article's head elements: canonical URL, Open Graph, Twitter card and JSON-LD. The image is always
/// the article's social card (a PNG social sites show, unlike an SVG hero); its alt text is the hero's, or the
/// headline when the piece has no hero.</summary>
public sealed record ArticleHeadView(ArticleDetail Article, SiteOptions Site, string CanonicalUrl, string CardUrl, string CardAlt,
    DateTime? UpdatedAt, string JsonLd)
{
    public static ArticleHeadView For(ArticleDetail article, SiteOptions site, string jsonLd) => new(article, site,
        site.Absolute(ReaderPaths.Article(article.Slug)), site.Absolute(SocialCards.ArticleCardPath(article, site)),
        string.IsNullOrWhiteSpace(article.HeroImageAlt) ? article.Title : article.HeroImageAlt, Updated(article), jsonLd);

    /// <summary>Shown as updated only when edited more than a minute after publishing.</summary>
    public static DateTime? Updated(ArticleDetail article) => article.UpdatedAt > article.PublishedAt.AddMinutes(1) ? article.UpdatedAt : null;
}

/// <summary>What the call to action under a teaser needs: why the reader stopped, and where to go back to.</summary>
public sealed record ReadMoreView(AccessLevel Access, ReaderTier Tier, MeterDecision Meter, string ReturnPath)
{
    public bool SignedIn => Tier != ReaderTier.Anonymous;
    public string Encoded => Uri.EscapeDataString(ReturnPath);
    // ReturnPath is /articles/{slug} with a validated slug: nothing in it needs escaping in a query value.
    public string PricingHref => $"/pricing?return={ReturnPath}";
    public string SignInHref => $"/account/signin?returnUrl={Encoded}";
    public string SignUpHref => $"/account/signup?returnUrl={Encoded}";
}
