using Masthead.Content.Reading;
using Masthead.Membership;
using Masthead.Membership.Metering;
using Masthead.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Masthead.Content.Pages;

// The ReaderView policy keeps one view per tier and meter state (anonymous, free, PRO, staff), so a members or
// PRO body is only ever served to readers of a tier that may read it; the page holds nothing of one reader.
[OutputCache(PolicyName = ReaderViewCachePolicy.Name)]
internal sealed class ArticleModel(ArticleQueries queries, ReadingMeter meter, IOptions<SiteOptions> site, ContentMemo memo) : PageModel
{
    public ArticleDetail Article { get; private set; } = null!;
    public bool CanReadBody { get; private set; }
    public ReaderTier Tier { get; private set; }
    public MeterDecision Meter { get; private set; } = null!;
    public string? Teaser { get; private set; }
    public string CanonicalUrl { get; private set; } = "";
    public string JsonLd { get; private set; } = "";
    public SiteOptions Site => site.Value;

    // The slug is read from the route rather than bound: a handler without parameters skips model binding.
    public async Task<IActionResult> OnGetAsync()
    {
        var slug = RouteData.Values["slug"] as string ?? "";
        var ct = HttpContext.RequestAborted;
        if (await queries.FindArticleAsync(slug, ct) is not { } article) return NotFound();
        Article = article;
        Tier = await HttpContext.ReaderTierAsync(ct);
        Meter = meter.Decide(HttpContext, article.Slug, Tier);
        CanReadBody = ContentAccess.CanReadBody(Tier, article.Access, Meter.Exhausted);
        // Marks the response (and so its cached copy) as a metered read; ReadingMeter counts it on the way out.
        if (CanReadBody && article.Access == AccessLevel.Public && Meter.State == MeterState.Open)
        {
            Response.Headers[ReadingMeter.CountHeader] = "1";
        }
        if (!CanReadBody) Teaser = ArticleTeaser.LeadParagraph(article.BodyHtml);
        CanonicalUrl = Site.Absolute(ReaderPaths.Article(article.Slug));
        // The same for every reader of the piece (it describes the article, not this view).
        JsonLd = (await memo.GetAsync("jsonld:" + article.Slug, _ => Task.FromResult<string?>(ArticleJsonLd.For(article, Site)), ct))!;
        return Page();
    }

    public bool IsGated => !ContentAccess.IsOpenToEveryone(Article.Access);

    public ReadMoreView ReadMore => new(Article.Access, Tier, Meter, ReaderPaths.Article(Article.Slug));

    public string? ImageUrl => Article.HeroImageUrl is { Length: > 0 } url ? Site.Absolute(url) : null;

    public DateTime? UpdatedAt => Article.UpdatedAt > Article.PublishedAt.AddMinutes(1) ? Article.UpdatedAt : null;

    public IEnumerable<IGrouping<TagKind, TagLink>> TagGroups => Article.TagGroups;

    public IEnumerable<NoteView> EditorsNotes => Article.Notes.Where(n => n.Kind == ArticleNoteKind.EditorsNote);

    public IEnumerable<NoteView> Corrections => Article.Notes.Where(n => n.Kind == ArticleNoteKind.Correction);
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
