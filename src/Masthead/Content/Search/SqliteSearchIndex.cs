using Masthead.Data;

namespace Masthead.Content.Search;

/// <summary>SQLite FTS5. The virtual table keeps its own copy of the text (for snippets); rowid is the
/// article id. The "access" column holds one token per article (acl0/acl1/acl2) so a single MATCH
/// expression can say "body words count only where the reader may read the body".</summary>
internal sealed class SqliteSearchIndex(MastheadDb db, TimeProvider time) : SearchIndexBase(db, time)
{
    // Title outweighs dek, dek outweighs byline and labels, body counts least; the access column never scores.
    private const string FullWeights = "10.0, 4.0, 1.0, 2.0, 2.0, 0.0";
    private const string OpenWeights = "10.0, 4.0, 0.0, 2.0, 2.0, 0.0";
    // bm25 saturates term frequency across columns, so a long body full of the word can outscore a title
    // that names it; a match in the title is what a reader means by "about", so it always ranks first.
    private const string TitleBonus = "CASE WHEN rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH @titlematch) THEN 1000.0 ELSE 0.0 END";

    public override Task EnsureCreatedAsync(CancellationToken ct) => ExecuteAsync("""
        CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
            title, dek, body, people, labels, access,
            tokenize = 'porter unicode61 remove_diacritics 2')
        """, [], ct);

    public override async Task<bool> IsEmptyAsync(CancellationToken ct) =>
        !await ExistsAsync("SELECT 1 FROM search_fts LIMIT 1", ct);

    public override Task RemoveAsync(int articleId, CancellationToken ct) =>
        ExecuteAsync("DELETE FROM search_fts WHERE rowid = @id", [("id", articleId)], ct);

    protected override Task ClearAsync(CancellationToken ct) => ExecuteAsync("DELETE FROM search_fts", [], ct);

    protected override async Task WriteAsync(IReadOnlyList<SearchDocument> documents, CancellationToken ct)
    {
        foreach (var d in documents)
        {
            await ExecuteAsync("""
                DELETE FROM search_fts WHERE rowid = @id;
                INSERT INTO search_fts (rowid, title, dek, body, people, labels, access)
                VALUES (@id, @title, @dek, @body, @people, @labels, @access);
                """,
                [("id", d.Id), ("title", d.Title), ("dek", d.Dek), ("body", d.Body), ("people", d.People),
                 ("labels", d.Labels), ("access", AccessToken(d.Access))], ct);
        }
    }

    protected override EngineQuery BuildQuery(IReadOnlyList<SearchTerm> terms, bool readsAll, IReadOnlyList<AccessLevel> readable,
        List<(string Name, object Value)> parameters)
    {
        var q = Expression(terms);
        var full = $"{{title dek body people labels}} : ({q})";
        var open = $"{{title dek people labels}} : ({q})";
        var match = readsAll ? full
            : $"({open}) OR (({full}) AND access : ({string.Join(" OR ", readable.Select(AccessToken))}))";
        parameters.Add(("match", match));
        parameters.Add(("titlematch", $"{{title}} : ({q})"));
        parameters.Add(("mo", SearchText.MarkOpen.ToString()));
        parameters.Add(("mc", SearchText.MarkClose.ToString()));
        return new EngineQuery(
            $"""
            SELECT rowid AS id, -bm25(search_fts, {FullWeights}) + {TitleBonus} AS full_score, -bm25(search_fts, {OpenWeights}) + {TitleBonus} AS open_score
            FROM search_fts WHERE search_fts MATCH @match
            """,
            id => $"(SELECT snippet(search_fts, 2, @mo, @mc, '…', 28) FROM search_fts WHERE search_fts MATCH @match AND rowid = {id})",
            id => $"(SELECT highlight(search_fts, 1, @mo, @mc) FROM search_fts WHERE search_fts MATCH @match AND rowid = {id})");
    }

    /// <summary>Every term becomes a quoted FTS5 string (quotes were already removed by the parser), so
    /// no operator, column name or prefix star from the reader is ever interpreted.</summary>
    private static string Expression(IReadOnlyList<SearchTerm> terms)
    {
        static string Quote(SearchTerm t) => "\"" + t.Text.Replace("\"", "\"\"") + "\"";
        var positive = string.Join(" AND ", terms.Where(t => !t.Negated).Select(Quote));
        var negative = terms.Where(t => t.Negated).Select(Quote).ToList();
        return negative.Count == 0 ? positive : $"({positive}) NOT ({string.Join(" OR ", negative)})";
    }

    private static string AccessToken(AccessLevel level) => $"acl{(int)level}";
}
