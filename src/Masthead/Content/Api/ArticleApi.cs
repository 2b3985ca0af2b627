using System.Text.Json;
using System.Text.Json.Serialization;
using Masthead.Content.Pages;
using Masthead.Content.Reading;
using Masthead.Data;
using Masthead.Membership;
using Masthead.Site;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Content.Api;

/// <summary>Read-only JSON API of published articles. The caller is whoever the site cookie says (no API
/// keys yet); a body is included only when <see cref="ContentAccess"/> lets that reader read it. The
/// reading meter does not apply here: it is a nudge for browsers, and public bodies are in the feeds anyway.</summary>
public static class ArticleApi
{
    public const int PageSize = 20;
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static WebApplication MapArticleApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/articles");
        // Public policy: anonymous answers are cached and shared (they are the same for every anonymous
        // caller), signed-in ones never are.
        // HEAD answers as GET does, headers without the body (the server drops it), as clients probing a URL expect.
        api.MapMethods("/", GetAndHead, ListAsync).CacheOutput(SiteModule.PublicCachePolicy);
        api.MapMethods("/{slug}", GetAndHead, GetAsync).CacheOutput(SiteModule.PublicCachePolicy);
        return app;
    }

    private static async Task<Results<JsonHttpResult<ArticlePage>, ProblemHttpResult>> ListAsync(
        MastheadDb db, TimeProvider time, IOptions<SiteOptions> site, CancellationToken ct, int page = 1)
    {
        if (Paging.Offset(page, PageSize) is not { } skip) return NotFound();
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await db.Articles.AsNoTracking().Where(Article.VisibleAt(now))
            .OrderByDescending(a => a.PublishAt).ThenByDescending(a => a.Id)
            .Skip(skip).Take(PageSize + 1).AsSplitQuery()
            .Select(a => new
            {
                a.Slug, a.Title, a.Dek, Section = a.Section == null ? null : a.Section.Name,
                Tags = a.Tags.OrderBy(t => t.Tag!.Name).Select(t => t.Tag!.Name).ToList(),
                Published = a.PublishAt ?? a.CreatedAt, a.Access,
            })
            .ToListAsync(ct);
        if (rows.Count == 0 && page > 1) return NotFound();
        var s = site.Value;
        var items = rows.Take(PageSize).Select(r => new ArticleListItem(r.Slug, r.Title, r.Dek, r.Section, r.Tags,
            Utc(r.Published), AccessName(r.Access), s.Absolute(ReaderPaths.Article(r.Slug)))).ToList();
        var next = rows.Count > PageSize ? s.Absolute($"/api/v1/articles?page={page + 1}") : null;
        return TypedResults.Json(new ArticlePage(items, page, next), ApiJson.Default.ArticlePage);
    }

    private static async Task<Results<JsonHttpResult<ArticleItem>, ProblemHttpResult>> GetAsync(
        string slug, HttpContext http, ArticleQueries queries, IOptions<SiteOptions> site, CancellationToken ct)
    {
        if (await queries.FindArticleAsync(slug, ct) is not { } a) return NotFound();
        var tier = await http.ReaderTierAsync(ct);
        var readable = ContentAccess.CanReadBody(tier, a.Access);
        var item = new ArticleItem(a.Slug, a.Title, a.Dek, a.Section?.Name, a.Tags.Select(t => t.Name).ToList(),
            Utc(a.PublishedAt), AccessName(a.Access), site.Value.Absolute(ReaderPaths.Article(a.Slug)),
            a.Authors.Select(x => x.Name).ToList(), a.Language,
            BodyHtml: readable ? a.FullHtml : null,
            Teaser: readable ? null : ArticleTeaser.LeadParagraph(a.BodyHtml),
            Gated: !readable);
        return TypedResults.Json(item, ApiJson.Default.ArticleItem);
    }

    // A problem body, so the site's HTML status-code pages leave the answer alone.
    private static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found");

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static string AccessName(AccessLevel access) => access switch
    {
        AccessLevel.Members => "members",
        AccessLevel.Pro => "pro",
        _ => "public",
    };
}

public sealed record ArticleListItem(string Slug, string Title, string Dek, string? Section, IReadOnlyList<string> Tags,
    DateTime Published, string Access, string Url);

public sealed record ArticlePage(IReadOnlyList<ArticleListItem> Items, int Page, string? Next);

/// <summary>One article. <see cref="BodyHtml"/> is null and <see cref="Gated"/> true when the caller may not
/// read it; <see cref="Teaser"/> is then the lead paragraph (HTML), when the piece is long enough to have one.</summary>
public sealed record ArticleItem(string Slug, string Title, string Dek, string? Section, IReadOnlyList<string> Tags,
    DateTime Published, string Access, string Url, IReadOnlyList<string> Authors, string Language,
    string? BodyHtml, string? Teaser, bool Gated);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ArticlePage))]
[JsonSerializable(typeof(ArticleItem))]
internal sealed partial class ApiJson : JsonSerializerContext;
