using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Content.Charts;

/// <summary>A chart with what decides who may see it: its article's access level and whether that article is
/// visible to readers yet.</summary>
public sealed record OwnedChart(ChartData Chart, AccessLevel Access, bool OwnerVisible);

/// <summary>Read side of charts: every chart comes back with its series in order and their points by date.</summary>
public sealed class ChartQueries(MastheadDb db, TimeProvider time)
{
    private IQueryable<Chart> Charts() => db.Charts.AsNoTracking()
        .Include(c => c.Series.OrderBy(s => s.Position).ThenBy(s => s.Id)).ThenInclude(s => s.Points.OrderBy(p => p.Date))
        .AsSplitQuery();

    public async Task<IReadOnlyList<ChartData>> ForArticleAsync(int articleId, CancellationToken ct) =>
        (await Charts().Where(c => c.ArticleId == articleId).OrderBy(c => c.Position).ThenBy(c => c.Id).ToListAsync(ct))
        .Select(ToData).ToList();

    /// <summary>A chart by its slug or its number, as a short code names it.</summary>
    public async Task<OwnedChart?> FindAsync(string slugOrId, CancellationToken ct)
    {
        var byId = int.TryParse(slugOrId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id);
        var chart = byId
            ? await Charts().FirstOrDefaultAsync(c => c.Id == id, ct)
            : Slug.IsValid(slugOrId) ? await Charts().FirstOrDefaultAsync(c => c.Slug == slugOrId, ct) : null;
        return chart is null ? null : await OwnedAsync(chart, ct);
    }

    public async Task<OwnedChart?> FindAsync(int id, CancellationToken ct) =>
        await Charts().FirstOrDefaultAsync(c => c.Id == id, ct) is { } chart ? await OwnedAsync(chart, ct) : null;

    private async Task<OwnedChart?> OwnedAsync(Chart chart, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var owner = await db.Articles.AsNoTracking().Where(a => a.Id == chart.ArticleId)
            .Select(a => new { a.Access, Visible = db.Articles.Where(Article.VisibleAt(now)).Any(v => v.Id == a.Id) })
            .FirstOrDefaultAsync(ct);
        return owner is null ? null : new OwnedChart(ToData(chart), owner.Access, owner.Visible);
    }

    public static ChartData ToData(Chart c) => new(c.Id, c.ArticleId, c.Slug, c.Title, c.Description, c.Type, c.Position,
        c.Series.Select(s => new SeriesData(s.Name, s.Unit, s.Source, s.SourceUrl,
            s.Points.Select(p => new PointData(p.Date, p.Value)).ToList())).ToList());
}
