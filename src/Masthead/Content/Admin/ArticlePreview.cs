using System.Text.Encodings.Web;
using Masthead.Admin;
using Masthead.Content.Pages;
using Masthead.Content.Reading;
using Masthead.Data;
using Masthead.Membership;
using Masthead.Membership.Metering;
using Masthead.Site;
using Masthead.Site.Slices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RazorSlices;

namespace Masthead.Content.Admin;

/// <summary>The editor's preview: the form's unsaved fields drawn by the live article template
/// (Site/Slices/ArticlePage.cshtml) in the site's layout and stylesheet, so title, dek, hero, byline and body look
/// as readers will see them. Shown in a sandboxed frame beside the form; nothing is stored.</summary>
internal sealed class ArticlePreview(MastheadDb db, MarkdownRenderer renderer, NewsroomClock clock, IOptions<SiteOptions> options,
    SiteNavigation navigation, SiteAssets assets, HtmlEncoder encoder, MemoEditing memos, Charts.ChartEmbeds charts)
{
    public async Task<string> RenderAsync(HttpContext http, int? articleId, ArticleInput input, CancellationToken ct)
    {
        var site = options.Value;
        var title = input.Title?.Trim() is { Length: > 0 } t ? t : "Untitled article";
        var slug = string.IsNullOrWhiteSpace(input.Slug) ? Slug.From(title) : input.Slug.Trim();
        var stored = articleId is { } id
            ? await db.Articles.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.PublishAt, a.Status }).FirstOrDefaultAsync(ct)
            : null;
        // The date readers would see: the stored one for a live piece, the chosen time for a schedule, else now.
        var publishedAt = stored is { Status: ArticleStatus.Published, PublishAt: { } at } ? at
            : input.ScheduleAt is { } local && clock.ToUtc(local) is { } scheduled ? scheduled
            : clock.UtcNow;

        var section = input.SectionId is { } sectionId
            ? await db.Sections.AsNoTracking().Where(s => s.Id == sectionId).Select(s => new SectionLink(s.Slug, s.Name)).FirstOrDefaultAsync(ct)
            : null;
        var authorIds = input.AuthorIds.OfType<int>().Distinct().ToList();
        var authors = (await db.Authors.AsNoTracking().Where(a => authorIds.Contains(a.Id))
                .Select(a => new { a.Id, Link = new AuthorLink(a.Slug, a.Name) }).ToListAsync(ct))
            .OrderBy(a => authorIds.IndexOf(a.Id)).Select(a => a.Link).ToList();
        var tags = await db.Tags.AsNoTracking().Where(t => input.TagIds.Contains(t.Id)).OrderBy(t => t.Kind).ThenBy(t => t.Name)
            .Select(t => new TagLink(t.Slug, t.Name, t.Kind)).ToListAsync(ct);
        var notes = articleId is { } existing
            ? await db.ArticleNotes.AsNoTracking().Where(n => n.ArticleId == existing).OrderBy(n => n.CreatedAt)
                .Select(n => new NoteView(n.Kind, n.Text, n.CreatedAt)).ToListAsync(ct)
            : [];
        var hero = string.IsNullOrWhiteSpace(input.HeroImageUrl) ? null : input.HeroImageUrl.Trim();
        var memoHtml = input.Kind == ArticleKind.Memo ? await memos.ToHtmlAsync(input.Memo, ct) : "";

        var article = new ArticleDetail(articleId ?? 0, slug, title, input.Dek?.Trim() ?? "", renderer.ToHtml(input.Body ?? ""),
            publishedAt, publishedAt, input.Access, ArticleLanguages.IsKnown(input.Language) ? input.Language! : site.DefaultLanguage,
            hero, hero is null ? null : input.HeroImageAlt?.Trim(), hero is null ? null : input.HeroCaption, hero is null ? null : input.HeroCredit,
            section, authors, tags, notes, input.Kind, memoHtml);
        var chrome = SiteChrome.For(http, site, assets, await navigation.SectionsAsync(ct),
            title: "Preview: " + title, description: article.Dek, currentSection: section?.Slug);
        // Staff read everything: the whole body, no meter, no call to action; no head extras and no signup box.
        var view = new ArticlePageView(article, chrome, HeadHtml: "", CanReadBody: true, Teaser: null,
            new ReadMoreView(article.Access, ReaderTier.Staff, new MeterDecision(MeterState.Unmetered, 0, 0), ReaderPaths.Article(slug)),
            SignupHtml: "", await charts.RenderAsync(articleId ?? 0, article.BodyHtml, ReaderTier.Staff, ct));
        var page = ArticlePage.Create(view);
        page.HtmlEncoder = encoder;
        return await page.RenderAsync(encoder, ct);
    }
}
