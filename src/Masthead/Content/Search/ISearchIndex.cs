using Masthead.Membership;

namespace Masthead.Content.Search;

/// <summary>The full-text index of articles. One implementation per database provider (SQLite FTS5,
/// PostgreSQL tsvector); both answer the same questions the same way, paywall included.</summary>
public interface ISearchIndex
{
    /// <summary>Creates the index structures if absent. Idempotent; safe on every start.</summary>
    Task EnsureCreatedAsync(CancellationToken ct);

    /// <summary>True when the index holds no document at all (a fresh database or a new deployment).</summary>
    Task<bool> IsEmptyAsync(CancellationToken ct);

    /// <summary>Re-reads one article and indexes it, or removes it when it is a draft or gone.</summary>
    Task IndexAsync(int articleId, CancellationToken ct);

    Task RemoveAsync(int articleId, CancellationToken ct);

    /// <summary>Empties the index and indexes every published or scheduled article, in batches.
    /// <paramref name="progress"/> receives (done, total). Returns how many were indexed.</summary>
    Task<int> RebuildAsync(Action<int, int>? progress, CancellationToken ct);

    /// <summary>One page of hits plus facet counts, as seen by a reader of the given tier.</summary>
    Task<SearchResults> SearchAsync(SearchQuery query, ReaderTier tier, CancellationToken ct);
}

/// <summary>What the reader asked: free text, at most one section, any number of tags (all must match) and at most
/// one kind.</summary>
public sealed record SearchQuery(string Text, string? Section, IReadOnlyList<string> Tags, int Page, int PageSize, ArticleKind? Kind = null);

public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, int Total, IReadOnlyList<FacetCount> Sections,
    IReadOnlyList<FacetCount> Tags)
{
    /// <summary>How many matches are of each kind (slug <see cref="ArticleKinds.Slug"/>, name the kind's plural).</summary>
    public IReadOnlyList<FacetCount> Kinds { get; init; } = [];

    public static readonly SearchResults None = new([], 0, [], []);
    /// <summary>A page past the last result (Total -1): the page answers 404.</summary>
    public static readonly SearchResults PastTheEnd = new([], -1, [], []);
}

/// <summary>One result. <see cref="Snippet"/> is plain text with <see cref="SearchText.MarkOpen"/> and
/// <see cref="SearchText.MarkClose"/> around matches; render it with <see cref="SearchText.SnippetHtml"/>.</summary>
public sealed record SearchHit(int Id, string Slug, string Title, string Language, DateTime PublishedAt, AccessLevel Access,
    string? SectionSlug, string? SectionName, string Snippet, ArticleKind Kind)
{
    public string? KindLabel => ArticleKinds.Label(Kind, Access);
}

/// <summary>A facet value and how many matching articles carry it. Kind is null for sections and article kinds.</summary>
public sealed record FacetCount(string Slug, string Name, TagKind? Kind, int Count);
