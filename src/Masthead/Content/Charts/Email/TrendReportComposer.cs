using System.Text;
using System.Text.RegularExpressions;
using Masthead.Content.Reading;
using Masthead.Data;
using Masthead.Delivery;
using Masthead.Delivery.Outbox;
using Masthead.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Content.Charts.Email;

/// <summary>The trend report email, the same for every member: only the To line differs, so it is composed once
/// and each outbox row adds its recipient (<see cref="TrendReportRenderer"/>).</summary>
/// <param name="Images">One inline PNG per chart drawn, referred to by the HTML as <c>cid:</c>.</param>
public sealed record TrendReportMail(string Subject, string Html, string Text, IReadOnlyList<MailAttachment> Images, int Charts);

/// <summary>Builds <see cref="TrendReportMail"/> from a visible trend report: title, dek, the body made mail-safe with
/// each chart where its short code sits (the report's other charts after the body, as on the page), every chart as
/// an inline PNG followed by its data table, and a link to the page.</summary>
public sealed partial class TrendReportComposer(MastheadDb db, ChartQueries queries, ChartImages images, IOptions<SiteOptions> site,
    TimeProvider time)
{
    [GeneratedRegex(@"<p>\[\[chart:([A-Za-z0-9-]{1,120})\]\]</p>\n?")]
    private static partial Regex ShortCode();

    /// <summary>Null unless the article is a trend report that readers can see now.</summary>
    public async Task<TrendReportMail?> ComposeAsync(int articleId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == articleId && a.Kind == ArticleKind.TrendReport)
            .Where(Article.VisibleAt(now))
            .Select(a => new { a.Slug, a.Title, a.Dek, a.BodyHtml, a.Language }).FirstOrDefaultAsync(ct);
        if (article is null) return null;

        var s = site.Value;
        var host = MessageIds.HostOf(s.BaseUrl);
        var pageUrl = s.Absolute(ReaderPaths.Article(article.Slug));
        var body = new EmailBody(s.Absolute);
        var own = await queries.ForArticleAsync(articleId, ct);
        var placed = new List<ChartData>();
        var html = new StringBuilder();
        var text = new StringBuilder();

        // A chart with no data yet is left out, as it has nothing to draw; a chart placed twice is shown once.
        void AddChart(ChartData chart)
        {
            if (chart.Series.Count == 0 || placed.Any(c => c.Id == chart.Id)) return;
            placed.Add(chart);
            html.Append(ChartMailBlock.Html(chart, ChartMailBlock.ContentId(chart, host), pageUrl));
            text.Append('\n').Append(ChartMailBlock.Text(chart, pageUrl)).Append('\n');
        }

        void AddProse(string segment)
        {
            if (string.IsNullOrWhiteSpace(segment)) return;
            html.Append(body.Html(segment));
            text.Append(body.PlainText(segment)).Append('\n');
        }

        var at = 0;
        foreach (Match m in ShortCode().Matches(article.BodyHtml))
        {
            AddProse(article.BodyHtml[at..m.Index]);
            at = m.Index + m.Length;
            var code = m.Groups[1].Value;
            var chart = own.FirstOrDefault(c => c.Slug == code || c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == code);
            // Another article's chart only once that article is visible; a PRO member may read every access level.
            if (chart is null && await queries.FindAsync(code, ct) is { OwnerVisible: true } other) chart = other.Chart;
            if (chart is not null) AddChart(chart);
        }
        AddProse(article.BodyHtml[at..]);
        foreach (var chart in own) AddChart(chart);

        var attachments = placed
            .Select(c => new MailAttachment(ChartMailBlock.FileName(c), "image/png", images.Png(c), ChartMailBlock.ContentId(c, host))).ToList();
        var subject = article.Title.StartsWith("Trend report", StringComparison.OrdinalIgnoreCase) ? article.Title : "Trend report: " + article.Title;
        var layout = new TrendReportLayout(s.Name, s.BaseUrl, s.Absolute("/account"), article.Language);
        return new TrendReportMail(subject,
            layout.Html(subject, article.Title, article.Dek, html.ToString(), pageUrl),
            layout.Text(article.Title, article.Dek, text.ToString(), pageUrl),
            attachments, placed.Count);
    }
}
