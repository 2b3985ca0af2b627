using Masthead.Content.Reading;
using Masthead.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Masthead.Content.Pages;

// The Public policy caches anonymous views only; a signed-in reader always gets a fresh render, so a
// members or PRO body shown to them is never stored, and never served to anyone else.
[OutputCache(PolicyName = SiteModule.PublicCachePolicy)]
internal sealed class ArticleModel(ArticleQueries queries, IOptions<SiteOptions> site) : PageModel
{
    public ArticleDetail Article { get; private set; } = null!;
    public bool CanReadBody { get; private set; }
    public string CanonicalUrl { get; private set; } = "";
    public string JsonLd { get; private set; } = "";
    public SiteOptions Site => site.Value;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await queries.FindArticleAsync(slug, ct) is not { } article) return NotFound();
        Article = article;
        CanReadBody = ContentAccess.CanReadBody(User, article.Access);
        CanonicalUrl = Site.Absolute(ReaderPaths.Article(article.Slug));
        JsonLd = ArticleJsonLd.For(article, Site);
        return Page();
    }

    public string? ImageUrl => Article.HeroImageUrl is { Length: > 0 } url ? Site.Absolute(url) : null;

    public DateTime? UpdatedAt => Article.UpdatedAt > Article.PublishedAt.AddMinutes(1) ? Article.UpdatedAt : null;

    public IEnumerable<IGrouping<TagKind, TagLink>> TagGroups => Article.Tags.GroupBy(t => t.Kind).OrderBy(g => g.Key);

    public IEnumerable<NoteView> EditorsNotes => Article.Notes.Where(n => n.Kind == ArticleNoteKind.EditorsNote);

    public IEnumerable<NoteView> Corrections => Article.Notes.Where(n => n.Kind == ArticleNoteKind.Correction);
}
