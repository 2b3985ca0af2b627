using Masthead.Content.Reading;
using Masthead.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Masthead.Content.Pages;

/// <summary>A kind's listing (/memos, /trends), narrowed by region, country and industry: tag slugs in the query
/// (<c>?region=gulf&amp;industry=banking</c>), every one given must match. An unknown slug, or a slug of another tag kind,
/// is a 404 as an unknown section is: the filter form offers only real ones, so only a hand-edited address gets there.</summary>
internal abstract class KindListingModel(ArticleQueries queries, ArticleKind kind) : PageModel
{
    public static readonly IReadOnlyList<(TagKind Kind, string Param)> Filters =
        [(TagKind.Region, "region"), (TagKind.Country, "country"), (TagKind.Industry, "industry")];

    public ArticleKind Kind => kind;
    public PageOf<ArticleSummary> Articles { get; private set; } = null!;
    /// <summary>Every tag a filter may choose, by kind then name.</summary>
    public IReadOnlyList<TagInfo> FilterTags { get; private set; } = [];
    /// <summary>The chosen tag of each filter, by query parameter.</summary>
    public IReadOnlyDictionary<string, TagInfo> Selected { get; private set; } = new Dictionary<string, TagInfo>();
    /// <summary>This listing with its filters and without a page number: the pager adds <c>page</c> to it.</summary>
    public string FilteredPath { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "region")] string? region, [FromQuery(Name = "country")] string? country,
        [FromQuery(Name = "industry")] string? industry, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        if (!ModelState.IsValid) return NotFound();
        FilterTags = await queries.TagsOfKindsAsync([.. Filters.Select(f => f.Kind)], ct);
        var selected = new Dictionary<string, TagInfo>();
        foreach (var ((tagKind, param), slug) in Filters.Zip([region, country, industry]))
        {
            if (string.IsNullOrEmpty(slug)) continue;
            if (FilterTags.FirstOrDefault(t => t.Kind == tagKind && t.Slug == slug) is not { } tag) return NotFound();
            selected[param] = tag;
        }
        if (await queries.OfKindAsync(kind, [.. selected.Values.Select(t => t.Id)], pageNumber, ct) is not { } articles) return NotFound();
        (Articles, Selected) = (articles, selected);
        FilteredPath = ReaderPaths.Kind(kind) + QueryString.Create(Filters
            .Where(f => selected.ContainsKey(f.Param)).Select(f => KeyValuePair.Create(f.Param, (string?)selected[f.Param].Slug)));
        return Page();
    }
}

[OutputCache(PolicyName = SiteModule.PublicCachePolicy)]
internal sealed class MemosModel(ArticleQueries queries) : KindListingModel(queries, ArticleKind.Memo);

[OutputCache(PolicyName = SiteModule.PublicCachePolicy)]
internal sealed class TrendsModel(ArticleQueries queries) : KindListingModel(queries, ArticleKind.TrendReport);
