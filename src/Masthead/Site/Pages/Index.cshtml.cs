using Masthead.Content.Reading;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Masthead.Site.Pages;

[OutputCache(PolicyName = SiteModule.PublicCachePolicy)]
internal sealed class IndexModel(ArticleQueries queries, IOptions<SiteOptions> site) : PageModel
{
    public ArticleSummary? Lead { get; private set; }
    public IReadOnlyList<ArticleSummary> Latest { get; private set; } = [];
    public IReadOnlyList<SectionBlock> Sections { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var latest = await queries.LatestAsync(1 + site.Value.PageSize, ct);
        Lead = latest.Count > 0 ? latest[0] : null;
        Latest = latest.Skip(1).ToList();
        Sections = await queries.SectionBlocksAsync(ct);
    }
}
