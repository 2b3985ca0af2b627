using System.Data.Common;
using System.Text;
using Masthead.Data;
using Masthead.Membership;
using Masthead.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Masthead.Content.Search;

/// <summary>What differs between engines: how a query matches and scores, and how snippets are cut.
/// Everything else (visibility, facets, paging, the paywall on snippets) is shared SQL below.</summary>
internal sealed record EngineQuery(string MatchesSql, Func<string, string> BodySnippetSql, Func<string, string> DekSnippetSql);

/// <summary>Shared half of both indexes. A search is two statements: the page of hits (with the total via a
/// window count) and the facet counts, both over the same "matches" → "filtered" CTEs; nothing is loaded
/// into memory beyond one page and the facet rows.</summary>
internal abstract class SearchIndexBase(MastheadDb db, TimeProvider time) : ISearchIndex
{
    private const int BatchSize = 200;
    /// <summary>The facet rows' marker for article kinds (sections are -1, tags their tag kind).</summary>
    private const int KindFacet = -2;
    protected MastheadDb Db => db;

    public abstract Task EnsureCreatedAsync(CancellationToken ct);
    public abstract Task<bool> IsEmptyAsync(CancellationToken ct);
    public abstract Task RemoveAsync(int articleId, CancellationToken ct);
    protected abstract Task WriteAsync(IReadOnlyList<SearchDocument> documents, CancellationToken ct);
    protected abstract Task ClearAsync(CancellationToken ct);

    /// <summary>The "matches" CTE body must select (id, full_score, open_score), higher is better; an article
    /// whose body the reader may not read must match on its open fields only.</summary>
    protected abstract EngineQuery BuildQuery(IReadOnlyList<SearchTerm> terms, bool readsAll, IReadOnlyList<AccessLevel> readable,
        List<(string Name, object Value)> parameters);

    public async Task IndexAsync(int articleId, CancellationToken ct)
    {
        if (await SearchDocuments.LoadOneAsync(db, articleId, ct) is { } document) await WriteAsync([document], ct);
        else await RemoveAsync(articleId, ct);
    }

    public async Task<int> RebuildAsync(Action<int, int>? progress, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct);
        var total = await db.Articles.CountAsync(a => a.Status == ArticleStatus.Published || a.Status == ArticleStatus.Scheduled, ct);
        progress?.Invoke(0, total);
        // One transaction: readers keep seeing the old index until the new one is complete.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await ClearAsync(ct);
        var done = 0;
        var lastId = 0;
        while (true)
        {
            var from = lastId;
            var batch = await SearchDocuments.LoadAsync(db, db.Articles.Where(a => a.Id > from), ct, BatchSize);
            if (batch.Count == 0) break;
            await WriteAsync(batch, ct);
            done += batch.Count;
            lastId = batch[^1].Id;
            progress?.Invoke(done, Math.Max(total, done));
        }
        await transaction.CommitAsync(ct);
        return done;
    }

    public async Task<SearchResults> SearchAsync(SearchQuery query, ReaderTier tier, CancellationToken ct)
    {
        var terms = SearchText.Parse(query.Text);
        if (terms.Count == 0) return SearchResults.None;
        var readable = SearchAccess.Readable(tier);
        var readsAll = readable.Count == Enum.GetValues<AccessLevel>().Length;
        var parameters = new List<(string, object)> { ("now", time.GetUtcNow().UtcDateTime) };
        var engine = BuildQuery(terms, readsAll, readable, parameters);
        var readableSql = SearchAccess.SqlList(readable);

        var filtered = new StringBuilder($"""
            WITH matches AS ({engine.MatchesSql}),
            filtered AS (
                SELECT m.id AS id, a."PublishAt" AS published,
                       CASE WHEN a."Access" IN ({readableSql}) THEN m.full_score ELSE m.open_score END AS score
                FROM matches m JOIN "Articles" a ON a."Id" = m.id
                WHERE a."Status" IN ({(int)ArticleStatus.Scheduled}, {(int)ArticleStatus.Published})
                  AND a."PublishAt" IS NOT NULL AND a."PublishAt" <= @now
            """);
        if (!string.IsNullOrEmpty(query.Section))
        {
            filtered.Append("""
                  AND a."SectionId" IN (SELECT s."Id" FROM "Sections" s WHERE s."Slug" = @section)
                """);
            parameters.Add(("section", query.Section));
        }
        for (var i = 0; i < query.Tags.Count; i++)
        {
            filtered.Append($"""
                  AND EXISTS (SELECT 1 FROM "ArticleTags" x JOIN "Tags" t ON t."Id" = x."TagId" WHERE x."ArticleId" = a."Id" AND t."Slug" = @tag{i})
                """);
            parameters.Add(($"tag{i}", query.Tags[i]));
        }
        if (query.Kind is { } articleKindFilter)
        {
            filtered.Append("""
                  AND a."Kind" = @kind
                """);
            parameters.Add(("kind", (int)articleKindFilter));
        }
        filtered.Append(')');

        var pageSize = Math.Clamp(query.PageSize, 1, 100);
        if (Paging.Offset(Math.Max(query.Page, 1), pageSize) is not { } skip) return SearchResults.PastTheEnd;
        parameters.Add(("take", pageSize));
        parameters.Add(("skip", skip));
        // Body snippets only for articles the reader may read: for the others the body never leaves the database.
        var pageSql = $"""
            {filtered},
            page AS (
                SELECT id, score, published, COUNT(*) OVER () AS total FROM filtered
                ORDER BY score DESC, published DESC, id DESC LIMIT @take OFFSET @skip)
            SELECT p.id, a."Slug", a."Title", a."Language", a."PublishAt", a."Access", s."Slug", s."Name", p.total,
                   CASE WHEN a."Access" IN ({readableSql}) THEN {engine.BodySnippetSql("p.id")} END AS body_snippet,
                   {engine.DekSnippetSql("p.id")} AS dek_snippet, a."Dek", a."Kind"
            FROM page p JOIN "Articles" a ON a."Id" = p.id LEFT JOIN "Sections" s ON s."Id" = a."SectionId"
            ORDER BY p.score DESC, p.published DESC, p.id DESC
            """;
        var facetSql = $"""
            {filtered}
            SELECT -1 AS kind, s."Slug", s."Name", COUNT(*) AS n
            FROM filtered f JOIN "Articles" a ON a."Id" = f.id JOIN "Sections" s ON s."Id" = a."SectionId"
            GROUP BY s."Slug", s."Name"
            UNION ALL
            SELECT t."Kind", t."Slug", t."Name", COUNT(*)
            FROM filtered f JOIN "ArticleTags" x ON x."ArticleId" = f.id JOIN "Tags" t ON t."Id" = x."TagId"
            GROUP BY t."Kind", t."Slug", t."Name"
            UNION ALL
            SELECT {KindFacet}, CAST(a."Kind" AS TEXT), '', COUNT(*)
            FROM filtered f JOIN "Articles" a ON a."Id" = f.id
            GROUP BY a."Kind"
            """;

        var hits = new List<SearchHit>();
        var total = 0;
        var facets = new List<FacetCount>();
        var kinds = new List<FacetCount>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using (var command = Command(pageSql, parameters))
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    total = Convert.ToInt32(reader.GetValue(8), System.Globalization.CultureInfo.InvariantCulture);
                    var body = reader.IsDBNull(9) ? null : reader.GetString(9);
                    var dek = reader.IsDBNull(10) ? null : reader.GetString(10);
                    // A body snippet that shows no match says less than the dek does.
                    var snippet = SearchText.HasMark(body) || string.IsNullOrWhiteSpace(dek) && !string.IsNullOrWhiteSpace(body)
                        ? body! : dek ?? (reader.IsDBNull(11) ? "" : reader.GetString(11));
                    hits.Add(new SearchHit(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                        DateTime.SpecifyKind(reader.GetDateTime(4), DateTimeKind.Utc), (AccessLevel)reader.GetInt32(5),
                        reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), snippet,
                        (ArticleKind)Convert.ToInt32(reader.GetValue(12), System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
            if (hits.Count == 0 && query.Page > 1) return SearchResults.PastTheEnd;
            if (hits.Count > 0)
            {
                await using var command = Command(facetSql, parameters);
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var kind = Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
                    if (kind == KindFacet)
                    {
                        var articleKind = (ArticleKind)int.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture);
                        kinds.Add(new FacetCount(ArticleKinds.Slug(articleKind), ArticleKinds.Plural(articleKind), null,
                            Convert.ToInt32(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture)));
                        continue;
                    }
                    facets.Add(new FacetCount(reader.GetString(1), reader.GetString(2), kind < 0 ? null : (TagKind)kind,
                        Convert.ToInt32(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        var ordered = facets.OrderByDescending(f => f.Count).ThenBy(f => f.Name, StringComparer.OrdinalIgnoreCase).ToList();
        return new SearchResults(hits, total, ordered.Where(f => f.Kind is null).ToList(), ordered.Where(f => f.Kind is not null).ToList())
        {
            Kinds = [.. kinds.OrderByDescending(f => f.Count).ThenBy(f => f.Slug, StringComparer.Ordinal)],
        };
    }

    /// <summary>A command on the context's connection, enlisted in its transaction when there is one.</summary>
    protected DbCommand Command(string sql, IEnumerable<(string Name, object Value)> parameters)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@" + name;
            p.Value = value;
            command.Parameters.Add(p);
        }
        return command;
    }

    protected async Task ExecuteAsync(string sql, IEnumerable<(string Name, object Value)> parameters, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = Command(sql, parameters);
            await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    protected async Task<bool> ExistsAsync(string sql, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = Command(sql, []);
            return await command.ExecuteScalarAsync(ct) is not null and not DBNull;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
