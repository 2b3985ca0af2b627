namespace Masthead.Content.Reading;

public sealed record AuthorLink(string Slug, string Name);

public sealed record SectionLink(string Slug, string Name);

public sealed record TagLink(string Slug, string Name, TagKind Kind);

/// <summary>An article as lists show it: never carries the body.</summary>
public sealed record ArticleSummary(
    int Id, string Slug, string Title, string Dek, DateTime PublishedAt, DateTime UpdatedAt,
    AccessLevel Access, string Language, string? HeroImageUrl, string? HeroImageAlt,
    SectionLink? Section, IReadOnlyList<AuthorLink> Authors, ArticleKind Kind)
{
    /// <summary>"PRO memo", "Trend report", or null for a story.</summary>
    public string? KindLabel => ArticleKinds.Label(Kind, Access);
}

public sealed record NoteView(ArticleNoteKind Kind, string Text, DateTime CreatedAt);

public sealed record ArticleDetail(
    int Id, string Slug, string Title, string Dek, string BodyHtml, DateTime PublishedAt, DateTime UpdatedAt,
    AccessLevel Access, string Language, string? HeroImageUrl, string? HeroImageAlt, string? HeroCaption,
    string? HeroCredit, SectionLink? Section, IReadOnlyList<AuthorLink> Authors, IReadOnlyList<TagLink> Tags,
    IReadOnlyList<NoteView> Notes, ArticleKind Kind, string MemoHtml)
{
    public string? KindLabel => ArticleKinds.Label(Kind, Access);

    /// <summary>What a reader allowed to read the piece gets: a memo's parts (headed sections), then the body. A
    /// teaser is cut from <see cref="BodyHtml"/> alone, so it never holds a memo part.</summary>
    public string FullHtml => MemoHtml + BodyHtml;

    private IReadOnlyList<IGrouping<TagKind, TagLink>>? _tagGroups;

    /// <summary>The tags by kind, in kind order; worked out once per remembered article, not per page view.</summary>
    public IReadOnlyList<IGrouping<TagKind, TagLink>> TagGroups => _tagGroups ??= [.. Tags.GroupBy(t => t.Kind).OrderBy(g => g.Key)];
}

/// <summary>An article as feeds show it. <see cref="BodyHtml"/> is null unless the article is open to
/// everyone (or, in a private feed, to the feed's owner): the query itself leaves gated bodies in the database.</summary>
public sealed record FeedItem(
    string Slug, string Title, string Dek, string? BodyHtml, DateTime PublishedAt, DateTime UpdatedAt,
    string Language, IReadOnlyList<string> AuthorNames, string? SectionName, IReadOnlyList<string> TagNames);

public sealed record SectionInfo(int Id, string Slug, string Name, string Description);

public sealed record TagInfo(int Id, string Slug, string Name, TagKind Kind, string Description);

public sealed record AuthorInfo(int Id, string Slug, string Name, string? Title, string Bio, string? PhotoUrl);

public sealed record SectionBlock(SectionLink Section, IReadOnlyList<ArticleSummary> Articles);

/// <summary>One page of a list; numbers start at 1.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, int Number, bool HasNext)
{
    public bool HasPrevious => Number > 1;
}

public sealed record SitemapEntry(string Path, DateTime? LastModified);

public sealed record NewsSitemapEntry(string Slug, string Title, string Language, DateTime PublishedAt);

public static class TagKinds
{
    public static string Label(TagKind kind) => kind switch
    {
        TagKind.Region => "Region",
        TagKind.Country => "Country",
        TagKind.Topic => "Topic",
        TagKind.Industry => "Industry",
        _ => kind.ToString(),
    };

    public static string Plural(TagKind kind) => kind switch
    {
        TagKind.Region => "Regions",
        TagKind.Country => "Countries",
        TagKind.Topic => "Topics",
        TagKind.Industry => "Industries",
        _ => kind.ToString(),
    };
}

/// <summary>Reader URLs, relative to the site root. Absolute forms come from SiteOptions.Absolute.</summary>
public static class ReaderPaths
{
    public static string Article(string slug) => $"/articles/{slug}";
    public static string Section(string slug) => $"/sections/{slug}";
    public static string Tag(string slug) => $"/tags/{slug}";
    public static string Author(string slug) => $"/authors/{slug}";
    /// <summary>The listing of a kind: /memos and /trends; stories are listed everywhere else.</summary>
    public static string Kind(ArticleKind kind) => kind == ArticleKind.TrendReport ? "/trends" : "/memos";
    /// <summary>The article's social card, a 1200×630 PNG (Content/Cards).</summary>
    public static string Card(string slug) => $"/cards/articles/{slug}.png";
}
