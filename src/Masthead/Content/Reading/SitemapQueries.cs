using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Content.Reading;

/// <summary>What sitemaps list: visible articles only, and the section, tag and author pages that lead to
/// them, each with the time of its newest visible article.</summary>
public sealed class SitemapQueries(MastheadDb db, TimeProvider time)
{
    /// <summary>The sitemap protocol's limit per file.</summary>
    public const int MaxUrls = 50_000;
    /// <summary>Google News: at most 1,000 articles, published in the last two days.</summary>
    public const int MaxNewsUrls = 1_000;
    public static readonly TimeSpan NewsWindow = TimeSpan.FromDays(2);

    private IQueryable<Article> Visible(DateTime now) => db.Articles.AsNoTracking().Where(Article.VisibleAt(now));

    public async Task<IReadOnlyList<SitemapEntry>> EntriesAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var entries = new List<SitemapEntry>();

        var articles = await Visible(now).OrderByDescending(a => a.PublishAt).Take(MaxUrls)
            .Select(a => new { a.Slug, a.PublishAt, a.UpdatedAt }).ToListAsync(ct);
        entries.AddRange(articles.Select(a => new SitemapEntry(ReaderPaths.Article(a.Slug), Later(a.PublishAt, a.UpdatedAt))));

        var sectionLatest = await Visible(now).Where(a => a.SectionId != null)
            .GroupBy(a => a.SectionId).Select(g => new { Id = g.Key, Last = g.Max(a => a.PublishAt) }).ToListAsync(ct);
        var sections = await db.Sections.AsNoTracking().OrderBy(s => s.Position).Select(s => new { s.Id, s.Slug }).ToListAsync(ct);
        entries.AddRange(sections.Select(s => new SitemapEntry(ReaderPaths.Section(s.Slug),
            sectionLatest.FirstOrDefault(l => l.Id == s.Id)?.Last)));

        var tags = await (from at in db.ArticleTags
                          join a in Visible(now) on at.ArticleId equals a.Id
                          join t in db.Tags on at.TagId equals t.Id
                          group a.PublishAt by t.Slug into g
                          select new { Slug = g.Key, Last = g.Max() }).ToListAsync(ct);
        entries.AddRange(tags.OrderBy(t => t.Slug, StringComparer.Ordinal).Select(t => new SitemapEntry(ReaderPaths.Tag(t.Slug), t.Last)));

        var authors = await (from aa in db.ArticleAuthors
                             join a in Visible(now) on aa.ArticleId equals a.Id
                             join au in db.Authors on aa.AuthorId equals au.Id
                             group a.PublishAt by au.Slug into g
                             select new { Slug = g.Key, Last = g.Max() }).ToListAsync(ct);
        entries.AddRange(authors.OrderBy(a => a.Slug, StringComparer.Ordinal).Select(a => new SitemapEntry(ReaderPaths.Author(a.Slug), a.Last)));

        return entries.Take(MaxUrls).ToList();
    }

    public async Task<IReadOnlyList<NewsSitemapEntry>> NewsAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var since = now - NewsWindow;
        return await Visible(now).Where(a => a.PublishAt >= since)
            .OrderByDescending(a => a.PublishAt).ThenByDescending(a => a.Id).Take(MaxNewsUrls)
            .Select(a => new NewsSitemapEntry(a.Slug, a.Title, a.Language, a.PublishAt ?? a.CreatedAt))
            .ToListAsync(ct);
    }

    private static DateTime? Later(DateTime? published, DateTime updated) =>
        published is { } p && p > updated ? p : updated;
}
