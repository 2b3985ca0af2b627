using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Masthead.Content.Reading;
using Masthead.Membership;
using Masthead.Site;

namespace Masthead.Content.Charts;

/// <summary>Puts charts into an article's body as the reader sees it. A short code <c>[[chart:SLUG]]</c> (or
/// <c>[[chart:ID]]</c>) alone on a line of the Markdown becomes that chart, where it sits; the article's own charts
/// that no short code placed follow the body in their order. The stored body keeps the code (Markdig renders it as a
/// paragraph of text), so a chart edited later shows its new data without re-saving the article.
/// A chart of another article is drawn only for readers who may read that article and only once it is visible;
/// otherwise staff see a note in its place and readers nothing.</summary>
public sealed partial class ChartEmbeds(ChartQueries queries, ContentMemo memo)
{
    [GeneratedRegex(@"<p>\[\[chart:([A-Za-z0-9-]{1,120})\]\]</p>\n?")]
    private static partial Regex ShortCode();

    /// <summary>The body with its charts, remembered per article and tier until content changes.</summary>
    public async Task<string> BodyAsync(ArticleDetail article, ReaderTier tier, CancellationToken ct) =>
        (await memo.GetAsync($"chart-body:{article.Id}|{tier}", async c => (string?)await RenderAsync(article.Id, article.BodyHtml, tier, c), ct))!;

    /// <summary>The body with its charts, drawn now (the editor's preview of unsaved text; staff notes shown).</summary>
    public async Task<string> RenderAsync(int articleId, string bodyHtml, ReaderTier tier, CancellationToken ct)
    {
        var own = articleId > 0 ? await queries.ForArticleAsync(articleId, ct) : [];
        var placed = new HashSet<int>();
        var sb = new StringBuilder(bodyHtml.Length + own.Count * 8192);
        var at = 0;
        foreach (Match m in ShortCode().Matches(bodyHtml))
        {
            sb.Append(bodyHtml, at, m.Index - at);
            at = m.Index + m.Length;
            var code = m.Groups[1].Value;
            var chart = own.FirstOrDefault(c => c.Slug == code || c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == code);
            if (chart is null && await queries.FindAsync(code, ct) is { } other
                && (other.OwnerVisible || tier == ReaderTier.Staff) && ContentAccess.CanReadBody(tier, other.Access))
            {
                chart = other.Chart;
            }
            if (chart is null)
            {
                if (tier == ReaderTier.Staff) sb.Append(MissingNote(code));
                continue;
            }
            placed.Add(chart.Id);
            sb.Append(ChartHtml.Figure(chart));
        }
        sb.Append(bodyHtml, at, bodyHtml.Length - at);
        foreach (var chart in own.Where(c => !placed.Contains(c.Id))) sb.Append(ChartHtml.Figure(chart));
        return sb.ToString();
    }

    /// <summary>Staff only: readers never learn that a code names nothing (or something they may not see).</summary>
    public static string MissingNote(string code) =>
        $"<p class=\"chart-missing\" role=\"note\">Staff note: no chart “{HtmlEncoder.Default.Encode(code)}” that this reader may see. Readers see nothing here.</p>";
}
