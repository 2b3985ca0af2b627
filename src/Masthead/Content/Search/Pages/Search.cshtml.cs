using Masthead.Content.Reading;
using Masthead.Membership;
using Masthead.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Masthead.Content.Search.Pages;

/// <summary>/search: never output-cached, because what a reader may find depends on who they are.</summary>
internal sealed class SearchModel(ISearchIndex index, IEntitlements entitlements, SiteNavigation navigation,
    IOptions<SiteOptions> site) : PageModel
{
    private const int MaxTags = 8;

    public string Query { get; private set; } = "";
    public string? Section { get; private set; }
    public IReadOnlyList<string> Tags { get; private set; } = [];
    /// <summary>The kind filter (<c>kind=memo</c>); an unknown value is ignored, as a malformed tag is.</summary>
    public ArticleKind? Kind { get; private set; }
    public int Number { get; private set; } = 1;
    public int PageSize => site.Value.PageSize;
    public SearchResults Results { get; private set; } = SearchResults.None;
    /// <summary>True when the query held no searchable word (empty, or only punctuation).</summary>
    public bool NothingToSearch { get; private set; }
    public IReadOnlyList<SectionLink> Sections { get; private set; } = [];

    public bool HasPrevious => Number > 1;
    public bool HasNext => (long)Number * PageSize < Results.Total;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "q")] string? q, [FromQuery(Name = "section")] string? section,
        [FromQuery(Name = "tag")] string[]? tag, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default,
        [FromQuery(Name = "kind")] string? kind = null)
    {
        Query = (q ?? "").Trim();
        if (Query.Length > SearchText.MaxQueryLength) Query = Query[..SearchText.MaxQueryLength];
        Section = Slug.IsValid(section ?? "") ? section : null;
        Tags = (tag ?? []).Where(t => Slug.IsValid(t)).Distinct().Take(MaxTags).ToList();
        Kind = ArticleKinds.FromSlug(kind);
        Number = ModelState.IsValid && pageNumber > 0 ? pageNumber : 1;
        NothingToSearch = SearchText.Parse(Query).Count == 0;
        if (NothingToSearch || (Results = await SearchAsync(ct)).Total == 0)
        {
            Sections = await navigation.SectionsAsync(ct);
        }
        if (Results.Total < 0) return NotFound();
        return Page();
    }

    private async Task<SearchResults> SearchAsync(CancellationToken ct)
    {
        var tier = await entitlements.TierAsync(User, ct);
        return await index.SearchAsync(new SearchQuery(Query, Section, Tags, Number, PageSize, Kind), tier, ct);
    }

    /// <summary>This search with one change; page 1 and empty filters are left out so each view has one URL.</summary>
    public string Href(string? section = null, IReadOnlyList<string>? tags = null, int page = 1, bool keepSection = true,
        string? kind = null, bool keepKind = true)
    {
        var parts = new List<KeyValuePair<string, string?>> { new("q", Query) };
        var s = keepSection ? section ?? Section : section;
        if (!string.IsNullOrEmpty(s)) parts.Add(new("section", s));
        parts.AddRange((tags ?? Tags).Select(t => new KeyValuePair<string, string?>("tag", t)));
        var k = keepKind ? kind ?? (Kind is { } current ? ArticleKinds.Slug(current) : null) : kind;
        if (!string.IsNullOrEmpty(k)) parts.Add(new("kind", k));
        if (page > 1) parts.Add(new("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return "/search" + Microsoft.AspNetCore.Http.QueryString.Create(parts);
    }

    public string WithTag(string slug) => Href(tags: [.. Tags, slug]);
    public string WithoutTag(string slug) => Href(tags: Tags.Where(t => t != slug).ToList());
    public string WithSection(string slug) => Href(section: slug);
    public string WithoutSection() => Href(keepSection: false);
    public string WithKind(string slug) => Href(kind: slug);
    public string WithoutKind() => Href(keepKind: false);

    /// <summary>A selected filter's display name, from the facet counts when present.</summary>
    public string NameOf(string slug, bool isSection) =>
        (isSection ? Results.Sections : Results.Tags).FirstOrDefault(f => f.Slug == slug)?.Name ?? slug;

    public static string KindLabel(TagKind kind) => kind switch
    {
        TagKind.Region => "Region",
        TagKind.Country => "Country",
        TagKind.Topic => "Topic",
        TagKind.Industry => "Industry",
        _ => kind.ToString(),
    };
}
