using Masthead.Content;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Support;

/// <summary>Builds content straight into the database for tests that are not about the editor.</summary>
public static class ContentSeed
{
    public static async Task<Article> CreateArticleAsync(this TestApp app, string title,
        ArticleStatus status = ArticleStatus.Published, DateTime? publishAt = null,
        AccessLevel access = AccessLevel.Public, string body = "A paragraph of reporting.",
        string? sectionSlug = null, string[]? tagSlugs = null, string language = "en", string? slug = null,
        string? authorName = null, ArticleKind kind = ArticleKind.Story, IMemoParts? memo = null)
    {
        var renderer = app.Services.GetRequiredService<MarkdownRenderer>();
        var now = app.Time.GetUtcNow().UtcDateTime;
        return await app.WithDbAsync(async db =>
        {
            Section? section = null;
            if (sectionSlug is not null)
            {
                section = db.Sections.Local.FirstOrDefault(s => s.Slug == sectionSlug)
                    ?? db.Sections.FirstOrDefault(s => s.Slug == sectionSlug)
                    ?? db.Sections.Add(new Section { Slug = sectionSlug, Name = sectionSlug }).Entity;
            }
            var article = new Article
            {
                Slug = slug ?? Slug.From(title),
                Title = title,
                Dek = $"Dek for {title}",
                BodyMarkdown = body,
                BodyHtml = renderer.ToHtml(body),
                Status = status,
                PublishAt = publishAt ?? (status == ArticleStatus.Draft ? null : now.AddMinutes(-5)),
                Access = access,
                Kind = kind,
                Language = language,
                Section = section,
                CreatedAt = now,
                UpdatedAt = now,
                Version = 1,
            };
            foreach (var tagSlug in tagSlugs ?? [])
            {
                var tag = db.Tags.FirstOrDefault(t => t.Slug == tagSlug)
                    ?? db.Tags.Add(new Tag { Slug = tagSlug, Name = tagSlug, Kind = TagKind.Topic }).Entity;
                article.Tags.Add(new ArticleTag { Tag = tag });
            }
            if (authorName is not null)
            {
                var authorSlug = Slug.From(authorName);
                var author = db.Authors.FirstOrDefault(a => a.Slug == authorSlug)
                    ?? db.Authors.Add(new Author { Slug = authorSlug, Name = authorName, Bio = "Reports on the region." }).Entity;
                article.Authors.Add(new ArticleAuthor { Author = author, Position = 0 });
            }
            if (memo is not null)
            {
                // Cited articles are named by their slugs here: the editor's title lookup is tested on its own.
                article.Memo = new ArticleMemo();
                article.Memo.CopyFrom(memo, app.Services.GetRequiredService<MemoRenderer>().ToHtml(memo, new Dictionary<string, string>()));
            }
            db.Articles.Add(article);
            await db.SaveChangesAsync();
            return article;
        });
    }
}
