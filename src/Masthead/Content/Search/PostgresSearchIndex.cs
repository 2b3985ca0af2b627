using Masthead.Data;

namespace Masthead.Content.Search;

/// <summary>PostgreSQL full-text search. One row per article with two generated tsvectors, each GIN-indexed:
/// open_doc (title A, dek B, byline and labels C) and full_doc (the same plus the body as D). A reader who
/// may not read an article's body can only match its open_doc.</summary>
internal sealed class PostgresSearchIndex(MastheadDb db, TimeProvider time) : SearchIndexBase(db, time)
{
    // "english" stems English words and leaves other scripts (Arabic, Hebrew, Persian) as whole words.
    private const string Config = "'english'";
    private const string OpenVector = $"""
        setweight(to_tsvector({Config}, title), 'A') || setweight(to_tsvector({Config}, dek), 'B')
        || setweight(to_tsvector({Config}, people || ' ' || labels), 'C')
        """;

    public override Task EnsureCreatedAsync(CancellationToken ct) => ExecuteAsync($"""
        CREATE TABLE IF NOT EXISTS search_documents (
            article_id integer PRIMARY KEY,
            title text NOT NULL, dek text NOT NULL, body text NOT NULL, people text NOT NULL, labels text NOT NULL,
            open_doc tsvector GENERATED ALWAYS AS ({OpenVector}) STORED,
            full_doc tsvector GENERATED ALWAYS AS ({OpenVector} || setweight(to_tsvector({Config}, body), 'D')) STORED);
        CREATE INDEX IF NOT EXISTS ix_search_documents_open_doc ON search_documents USING GIN (open_doc);
        CREATE INDEX IF NOT EXISTS ix_search_documents_full_doc ON search_documents USING GIN (full_doc);
        """, [], ct);

    public override async Task<bool> IsEmptyAsync(CancellationToken ct) =>
        !await ExistsAsync("SELECT 1 FROM search_documents LIMIT 1", ct);

    public override Task RemoveAsync(int articleId, CancellationToken ct) =>
        ExecuteAsync("DELETE FROM search_documents WHERE article_id = @id", [("id", articleId)], ct);

    protected override Task ClearAsync(CancellationToken ct) => ExecuteAsync("DELETE FROM search_documents", [], ct);

    protected override async Task WriteAsync(IReadOnlyList<SearchDocument> documents, CancellationToken ct)
    {
        foreach (var d in documents)
        {
            await ExecuteAsync("""
                INSERT INTO search_documents (article_id, title, dek, body, people, labels)
                VALUES (@id, @title, @dek, @body, @people, @labels)
                ON CONFLICT (article_id) DO UPDATE SET title = excluded.title, dek = excluded.dek, body = excluded.body,
                    people = excluded.people, labels = excluded.labels
                """,
                [("id", d.Id), ("title", d.Title), ("dek", d.Dek), ("body", d.Body), ("people", d.People), ("labels", d.Labels)], ct);
        }
    }

    protected override EngineQuery BuildQuery(IReadOnlyList<SearchTerm> terms, bool readsAll, IReadOnlyList<AccessLevel> readable,
        List<(string Name, object Value)> parameters)
    {
        // Each term is a bound parameter turned into a phrase query: nothing the reader types is parsed as syntax.
        var parts = new List<string>();
        for (var i = 0; i < terms.Count; i++)
        {
            parameters.Add(($"t{i}", terms[i].Text));
            parts.Add($"{(terms[i].Negated ? "!!" : "")}phraseto_tsquery({Config}, @t{i})");
        }
        var positive = terms.Select((t, i) => (t, i)).Where(x => !x.t.Negated).Select(x => parts[x.i]);
        var negative = terms.Select((t, i) => (t, i)).Where(x => x.t.Negated).Select(x => parts[x.i]);
        var q = $"({string.Join(" && ", positive.Concat(negative))})";
        var where = readsAll ? $"d.full_doc @@ {q}"
            : $"d.open_doc @@ {q} OR (a.\"Access\" IN ({SearchAccess.SqlList(readable)}) AND d.full_doc @@ {q})";
        // A match in the title (weight A) always ranks first, as on SQLite.
        var titleBonus = $"CASE WHEN ts_filter(d.open_doc, '{{a}}') @@ {q} THEN 1000.0::real ELSE 0.0::real END";
        parameters.Add(("hlbody", $"StartSel={SearchText.MarkOpen}, StopSel={SearchText.MarkClose}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \""));
        parameters.Add(("hldek", $"StartSel={SearchText.MarkOpen}, StopSel={SearchText.MarkClose}, HighlightAll=true"));
        return new EngineQuery(
            $"""
            SELECT d.article_id AS id, ts_rank(d.full_doc, {q}) + {titleBonus} AS full_score, ts_rank(d.open_doc, {q}) + {titleBonus} AS open_score
            FROM search_documents d JOIN "Articles" a ON a."Id" = d.article_id
            WHERE {where}
            """,
            id => $"(SELECT ts_headline({Config}, sd.body, {q}, @hlbody) FROM search_documents sd WHERE sd.article_id = {id})",
            id => $"(SELECT ts_headline({Config}, sd.dek, {q}, @hldek) FROM search_documents sd WHERE sd.article_id = {id})");
    }
}
