using System.Linq.Expressions;
using Masthead.Data;
using Masthead.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Content.Reading;

/// <summary>Read side of the reader site and feeds. Everything here starts from <see cref="Visible"/>, so a
/// draft or a piece scheduled for later cannot leak through any page, feed or sitemap.</summary>
public sealed class ArticleQueries(MastheadDb db, TimeProvider time, IOptions<SiteOptions> site, ContentMemo memo)
{
    public const int FeedSize = 30;
    private const int SectionBlockSize = 4;

    private int PageSize => site.Value.PageSize;

    public DateTime Now => time.GetUtcNow().UtcDateTime;

    private IQueryable<Article> Visible() =>
        db.Articles.AsNoTracking().Where(Article.VisibleAt(Now))
            .OrderByDescending(a => a.PublishAt).ThenByDescending(a => a.Id);

    private static readonly Expression<Func<Article, ArticleSummary>> ToSummary = a => new ArticleSummary(
        a.Id, a.Slug, a.Title, a.Dek, a.PublishAt ?? a.CreatedAt, a.UpdatedAt, a.Access, a.Language,
        a.HeroImageUrl, a.HeroImageAlt,
        a.Section == null ? null : new SectionLink(a.Section.Slug, a.Section.Name),
        a.Authors.OrderBy(x => x.Position).Select(x => new AuthorLink(x.Author!.Slug, x.Author.Name)).ToList(), a.Kind);

    /// <summary>A visible article with everything its page shows. Remembered between edits (see
    /// <see cref="ContentMemo"/>): a piece visible now stays visible until an edit, which clears the memo.</summary>
    public Task<ArticleDetail?> FindArticleAsync(string slug, CancellationToken ct) =>
        !Slug.IsValid(slug) ? Task.FromResult<ArticleDetail?>(null) : memo.GetAsync("article:" + slug, c => LoadArticleAsync(slug, c), ct);

    private async Task<ArticleDetail?> LoadArticleAsync(string slug, CancellationToken ct)
    {
        return await Visible().Where(a => a.Slug == slug).AsSplitQuery()
            .Select(a => new ArticleDetail(
                a.Id, a.Slug, a.Title, a.Dek, a.BodyHtml, a.PublishAt ?? a.CreatedAt, a.UpdatedAt, a.Access, a.Language,
                a.HeroImageUrl, a.HeroImageAlt, a.HeroCaption, a.HeroCredit,
                a.Section == null ? null : new SectionLink(a.Section.Slug, a.Section.Name),
                a.Authors.OrderBy(x => x.Position).Select(x => new AuthorLink(x.Author!.Slug, x.Author.Name)).ToList(),
                a.Tags.OrderBy(t => t.Tag!.Kind).ThenBy(t => t.Tag!.Name)
                    .Select(t => new TagLink(t.Tag!.Slug, t.Tag.Name, t.Tag.Kind)).ToList(),
                a.Notes.OrderBy(n => n.CreatedAt).Select(n => new NoteView(n.Kind, n.Text, n.CreatedAt)).ToList(),
                a.Kind, a.Memo == null ? "" : a.Memo.Html))
            .FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<ArticleSummary>> LatestAsync(int take, CancellationToken ct) =>
        await Visible().Take(take).Select(ToSummary).ToListAsync(ct);

    /// <summary>The latest few of every section that has any, in navigation order.</summary>
    public async Task<IReadOnlyList<SectionBlock>> SectionBlocksAsync(CancellationToken ct)
    {
        var blocks = new List<SectionBlock>();
        foreach (var section in await SectionsAsync(ct))
        {
            var articles = await Visible().Where(a => a.Section!.Slug == section.Slug)
                .Take(SectionBlockSize).Select(ToSummary).ToListAsync(ct);
            if (articles.Count > 0) blocks.Add(new SectionBlock(section, articles));
        }
        return blocks;
    }

    public async Task<IReadOnlyList<SectionLink>> SectionsAsync(CancellationToken ct) =>
        (await memo.GetAsync("sections", LoadSectionsAsync, ct))!;

    private async Task<IReadOnlyList<SectionLink>?> LoadSectionsAsync(CancellationToken ct) =>
        await db.Sections.AsNoTracking().OrderBy(s => s.Position).ThenBy(s => s.Name)
            .Select(s => new SectionLink(s.Slug, s.Name)).ToListAsync(ct);

    public async Task<SectionInfo?> FindSectionAsync(string slug, CancellationToken ct) => !Slug.IsValid(slug) ? null :
        await db.Sections.AsNoTracking().Where(s => s.Slug == slug)
            .Select(s => new SectionInfo(s.Id, s.Slug, s.Name, s.Description)).FirstOrDefaultAsync(ct);

    public async Task<TagInfo?> FindTagAsync(string slug, CancellationToken ct) => !Slug.IsValid(slug) ? null :
        await db.Tags.AsNoTracking().Where(t => t.Slug == slug)
            .Select(t => new TagInfo(t.Id, t.Slug, t.Name, t.Kind, t.Description)).FirstOrDefaultAsync(ct);

    public async Task<AuthorInfo?> FindAuthorAsync(string slug, CancellationToken ct) => !Slug.IsValid(slug) ? null :
        await db.Authors.AsNoTracking().Where(a => a.Slug == slug)
            .Select(a => new AuthorInfo(a.Id, a.Slug, a.Name, a.Title, a.Bio, a.PhotoUrl)).FirstOrDefaultAsync(ct);

    public Task<PageOf<ArticleSummary>?> InSectionAsync(int sectionId, int page, CancellationToken ct) =>
        PageAsync(Visible().Where(a => a.SectionId == sectionId), page, ct);

    public Task<PageOf<ArticleSummary>?> TaggedAsync(int tagId, int page, CancellationToken ct) =>
        PageAsync(Visible().Where(a => a.Tags.Any(t => t.TagId == tagId)), page, ct);

    public Task<PageOf<ArticleSummary>?> ByAuthorAsync(int authorId, int page, CancellationToken ct) =>
        PageAsync(Visible().Where(a => a.Authors.Any(x => x.AuthorId == authorId)), page, ct);

    /// <summary>One page of a kind's listing, narrowed to pieces carrying every one of <paramref name="tagIds"/>.</summary>
    public Task<PageOf<ArticleSummary>?> OfKindAsync(ArticleKind kind, IReadOnlyList<int> tagIds, int page, CancellationToken ct)
    {
        var query = Visible().Where(a => a.Kind == kind);
        foreach (var tagId in tagIds) query = query.Where(a => a.Tags.Any(t => t.TagId == tagId));
        return PageAsync(query, page, ct);
    }

    /// <summary>Tags of the given kinds, for a listing's filters, by kind then name.</summary>
    public async Task<IReadOnlyList<TagInfo>> TagsOfKindsAsync(IReadOnlyList<TagKind> kinds, CancellationToken ct) =>
        await db.Tags.AsNoTracking().Where(t => kinds.Contains(t.Kind)).OrderBy(t => t.Kind).ThenBy(t => t.Name)
            .Select(t => new TagInfo(t.Id, t.Slug, t.Name, t.Kind, t.Description)).ToListAsync(ct);

    /// <summary>Null when the page number is out of range (a page past the end, other than an empty first page).</summary>
    private async Task<PageOf<ArticleSummary>?> PageAsync(IQueryable<Article> query, int page, CancellationToken ct)
    {
        if (Site.Paging.Offset(page, PageSize) is not { } skip) return null;
        var items = await query.Skip(skip).Take(PageSize + 1).Select(ToSummary).ToListAsync(ct);
        if (items.Count == 0 && page > 1) return null;
        var hasNext = items.Count > PageSize;
        return new PageOf<ArticleSummary>(hasNext ? items[..PageSize] : items, page, hasNext);
    }

    public Task<IReadOnlyList<FeedItem>> FeedAsync(CancellationToken ct) => FeedItemsAsync(Visible(), ct);

    public Task<IReadOnlyList<FeedItem>> KindFeedAsync(ArticleKind kind, CancellationToken ct) =>
        FeedItemsAsync(Visible().Where(a => a.Kind == kind), ct);

    public Task<IReadOnlyList<FeedItem>> SectionFeedAsync(int sectionId, CancellationToken ct) =>
        FeedItemsAsync(Visible().Where(a => a.SectionId == sectionId), ct);

    public Task<IReadOnlyList<FeedItem>> TagFeedAsync(int tagId, CancellationToken ct) =>
        FeedItemsAsync(Visible().Where(a => a.Tags.Any(t => t.TagId == tagId)), ct);

    /// <summary>PRO pieces for one member's private feed: their bodies only when <paramref name="owner"/> (the feed
    /// owner's tier, never the requester's) may read PRO; otherwise exactly the public feeds' teasers.</summary>
    public Task<IReadOnlyList<FeedItem>> ProFeedAsync(Membership.ReaderTier owner, CancellationToken ct) =>
        FeedItemsAsync(Visible().Where(a => a.Access == AccessLevel.Pro), ct, ContentAccess.CanReadBody(owner, AccessLevel.Pro));

    private static async Task<IReadOnlyList<FeedItem>> FeedItemsAsync(IQueryable<Article> query, CancellationToken ct,
        bool gatedBodies = false) =>
        await query.Take(FeedSize).AsSplitQuery().Select(a => new FeedItem(
            a.Slug, a.Title, a.Dek,
            // Feeds are anonymous unless one reader's tier was asked (private feeds): a gated body (a memo's parts
            // included) never leaves the database otherwise.
            gatedBodies || a.Access == AccessLevel.Public ? (a.Memo == null ? "" : a.Memo.Html) + a.BodyHtml : null,
            a.PublishAt ?? a.CreatedAt, a.UpdatedAt, a.Language,
            a.Authors.OrderBy(x => x.Position).Select(x => x.Author!.Name).ToList(),
            a.Section == null ? null : a.Section.Name,
            a.Tags.OrderBy(t => t.Tag!.Name).Select(t => t.Tag!.Name).ToList())).ToListAsync(ct);
}
