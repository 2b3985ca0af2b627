namespace Masthead.Content.Admin;

/// <summary>What the article form posts. Copied field by field onto the entity; never bound to it.
/// Strings are nullable so a missing field is a validation message of ours, not the binder's.</summary>
public sealed record ArticleInput
{
    public string? Title { get; set; }
    public string? Slug { get; set; }
    public string? Dek { get; set; }
    public string? Body { get; set; }
    public string? Language { get; set; } = "en";
    public int? SectionId { get; set; }
    /// <summary>Byline slots in order; empty slots are skipped.</summary>
    public List<int?> AuthorIds { get; set; } = [];
    public List<int> TagIds { get; set; } = [];
    public AccessLevel Access { get; set; }
    public ArticleKind Kind { get; set; }
    /// <summary>A memo's parts; only a memo may have any.</summary>
    public MemoInput Memo { get; set; } = new();
    public string? HeroImageUrl { get; set; }
    public string? HeroImageAlt { get; set; }
    public string? HeroCaption { get; set; }
    public string? HeroCredit { get; set; }
    /// <summary>Wall-clock time in the newsroom's time zone (Admin:TimeZone).</summary>
    public DateTime? ScheduleAt { get; set; }
    /// <summary>The version the editor started from; a mismatch means someone else saved meanwhile.</summary>
    public int Version { get; set; }
}

public enum ArticleCommand { Save, Publish, Schedule, Unpublish }

/// <summary>Errors are keyed by ArticleInput property name ("" for the whole form).</summary>
public sealed record ArticleSaveResult(int? ArticleId, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

public static class ArticleLanguages
{
    /// <summary>Languages offered in the editor, by BCP 47 tag; the direction follows from the tag.</summary>
    public static readonly IReadOnlyList<(string Tag, string Name)> All =
    [
        ("en", "English"), ("ar", "Arabic"), ("he", "Hebrew"), ("fa", "Persian"),
        ("tr", "Turkish"), ("fr", "French"), ("ku", "Kurdish"), ("ru", "Russian"),
    ];

    public static bool IsKnown(string? tag) => All.Any(l => l.Tag == tag);
}
