using System.Globalization;
using Masthead.Content.Reading;

namespace Masthead.Content.Pages;

/// <summary>How dates and labels read on the reader site. Times are shown in UTC, said so, so a reader in
/// any zone knows what they are looking at.</summary>
public static class Display
{
    public static string Date(DateTime utc) => utc.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string DateTime(DateTime utc) => utc.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string? AccessBadge(AccessLevel access) => access switch
    {
        AccessLevel.Members => "Members",
        AccessLevel.Pro => "PRO",
        _ => null,
    };

    /// <summary>The access badge beside a kind's label, left out when the label already says PRO ("PRO memo").</summary>
    public static string? AccessBadge(AccessLevel access, ArticleKind kind) =>
        kind == ArticleKind.Memo && access == AccessLevel.Pro ? null : AccessBadge(access);

    public static string NoteLabel(ArticleNoteKind kind) => kind == ArticleNoteKind.Correction ? "Correction" : "Editor’s note";
}

/// <summary>A list of article summaries; headings start at <see cref="HeadingLevel"/> so the outline stays in order.</summary>
public sealed record ArticleListView(IReadOnlyList<ArticleSummary> Articles, int HeadingLevel = 2, bool ShowSection = true);

/// <summary>Previous/next links of a paged list; page 1 has no query string so it has one URL.</summary>
public sealed record PagerView(string BasePath, int Number, bool HasPrevious, bool HasNext)
{
    public static PagerView For<T>(string basePath, PageOf<T> page) => new(basePath, page.Number, page.HasPrevious, page.HasNext);

    /// <summary>A base path may carry a query of its own (a filtered listing): the page number joins it.</summary>
    public string Href(int number) => number <= 1 ? BasePath : $"{BasePath}{(BasePath.Contains('?') ? '&' : '?')}page={number}";
}
