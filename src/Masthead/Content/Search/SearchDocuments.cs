using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Content.Search;

/// <summary>The text of one article as the index sees it. Body is plain text (HTML stripped); People and
/// Labels are the byline and the section and tag names, so "Energy" or an author's name finds their pieces.</summary>
internal sealed record SearchDocument(int Id, string Title, string Dek, string Body, string People, string Labels, AccessLevel Access);

internal static class SearchDocuments
{
    /// <summary>Drafts are never indexed. Scheduled pieces are, and stay hidden until their time comes:
    /// every query checks visibility against the articles table, so nothing needs re-indexing at publish time.</summary>
    public static async Task<List<SearchDocument>> LoadAsync(MastheadDb db, IQueryable<Article> articles, CancellationToken ct,
        int take = int.MaxValue)
    {
        var rows = await articles.AsNoTracking()
            .Where(a => a.Status == ArticleStatus.Published || a.Status == ArticleStatus.Scheduled)
            .OrderBy(a => a.Id)
            .Take(take)
            .Select(a => new
            {
                a.Id, a.Title, a.Dek, a.BodyHtml, a.Access,
                // A memo's parts are body text: found only by readers who may read the body.
                MemoHtml = a.Memo == null ? "" : a.Memo.Html,
                Authors = a.Authors.OrderBy(x => x.Position).Select(x => x.Author!.Name).ToList(),
                Section = a.Section == null ? null : a.Section.Name,
                Tags = a.Tags.Select(t => t.Tag!.Name).ToList(),
            })
            .ToListAsync(ct);
        return rows.Select(r => new SearchDocument(r.Id, SearchText.Clean(r.Title), SearchText.Clean(r.Dek),
            SearchText.FromHtml(r.MemoHtml + r.BodyHtml), SearchText.Clean(string.Join(", ", r.Authors)),
            SearchText.Clean(string.Join(", ", r.Tags.Prepend(r.Section ?? "").Where(s => s.Length > 0))), r.Access)).ToList();
    }

    public static async Task<SearchDocument?> LoadOneAsync(MastheadDb db, int id, CancellationToken ct) =>
        (await LoadAsync(db, db.Articles.Where(a => a.Id == id), ct)).FirstOrDefault();
}
