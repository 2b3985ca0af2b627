using Masthead.Content.Reading;

namespace Masthead.Site;

/// <summary>The section list for the header and footer, read once per request however often the layout asks.</summary>
internal sealed class SiteNavigation(ArticleQueries queries)
{
    private Task<IReadOnlyList<SectionLink>>? _sections;

    public Task<IReadOnlyList<SectionLink>> SectionsAsync(CancellationToken ct) => _sections ??= queries.SectionsAsync(ct);
}
