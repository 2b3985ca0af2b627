using Masthead.Content.Reading;
using Masthead.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Masthead.Content.Pages;

// Listing pages: an unknown slug or a page past the end is a 404. "page" is read from the query string
// by name because Razor Pages keeps its own "page" route value.

[OutputCache(PolicyName = SiteModule.PublicCachePolicy)]
internal sealed class SectionModel(ArticleQueries queries) : PageModel
{
    public SectionInfo Section { get; private set; } = null!;
    public PageOf<ArticleSummary> Articles { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        if (!ModelState.IsValid || await queries.FindSectionAsync(slug, ct) is not { } section) return NotFound();
        if (await queries.InSectionAsync(section.Id, pageNumber, ct) is not { } articles) return NotFound();
        (Section, Articles) = (section, articles);
        return Page();
    }
}

[OutputCache(PolicyName = SiteModule.PublicCachePolicy)]
internal sealed class TagModel(ArticleQueries queries) : PageModel
{
    public TagInfo Tag { get; private set; } = null!;
    public PageOf<ArticleSummary> Articles { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        if (!ModelState.IsValid || await queries.FindTagAsync(slug, ct) is not { } tag) return NotFound();
        if (await queries.TaggedAsync(tag.Id, pageNumber, ct) is not { } articles) return NotFound();
        (Tag, Articles) = (tag, articles);
        return Page();
    }
}

[OutputCache(PolicyName = SiteModule.PublicCachePolicy)]
internal sealed class AuthorModel(ArticleQueries queries, MarkdownRenderer markdown) : PageModel
{
    public AuthorInfo Author { get; private set; } = null!;
    public PageOf<ArticleSummary> Articles { get; private set; } = null!;
    /// <summary>Bio Markdown through the sanitizing renderer: safe to emit raw.</summary>
    public string BioHtml { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        if (!ModelState.IsValid || await queries.FindAuthorAsync(slug, ct) is not { } author) return NotFound();
        if (await queries.ByAuthorAsync(author.Id, pageNumber, ct) is not { } articles) return NotFound();
        (Author, Articles) = (author, articles);
        BioHtml = markdown.ToHtml(author.Bio);
        return Page();
    }
}
