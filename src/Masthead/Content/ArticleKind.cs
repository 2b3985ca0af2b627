namespace Masthead.Content;

/// <summary>What sort of piece an article is. Stories are reporting; a memo is PRO analysis with a fixed structure
/// (<see cref="MemoPart"/>); a trend report carries data series drawn as charts. Existing articles are stories.</summary>
public enum ArticleKind { Story = 0, Memo = 1, TrendReport = 2 }

/// <summary>The names, labels and addresses of the kinds, in one place for pages, feeds, search and the editor.</summary>
public static class ArticleKinds
{
    /// <summary>The kind's value in URLs (<c>/search?kind=memo</c>): never the enum name, which may be renamed.</summary>
    public static string Slug(ArticleKind kind) => kind switch
    {
        ArticleKind.Memo => "memo",
        ArticleKind.TrendReport => "trend-report",
        _ => "story",
    };

    public static ArticleKind? FromSlug(string? slug) =>
        Enum.GetValues<ArticleKind>().Cast<ArticleKind?>().FirstOrDefault(k => Slug(k!.Value) == slug);

    public static string Name(ArticleKind kind) => kind switch
    {
        ArticleKind.Memo => "Memo",
        ArticleKind.TrendReport => "Trend report",
        _ => "Story",
    };

    public static string Plural(ArticleKind kind) => kind switch
    {
        ArticleKind.Memo => "Memos",
        ArticleKind.TrendReport => "Trend reports",
        _ => "Stories",
    };

    /// <summary>The label pages and listings show beside a piece: "PRO memo" (or "Memo" once made public or members-only),
    /// "Trend report"; nothing for stories, which are the default and need no flag.</summary>
    public static string? Label(ArticleKind kind, AccessLevel access) => kind switch
    {
        ArticleKind.Memo => access == AccessLevel.Pro ? "PRO memo" : "Memo",
        ArticleKind.TrendReport => "Trend report",
        _ => null,
    };

    /// <summary>The access a new piece of this kind starts with in the editor: memos are PRO analysis.</summary>
    public static AccessLevel DefaultAccess(ArticleKind kind) => kind == ArticleKind.Memo ? AccessLevel.Pro : AccessLevel.Public;
}
