using System.Security.Claims;
using Masthead.Admin;
using Masthead.Content.Media;
using Masthead.Data;
using Masthead.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Content.Admin.Pages;

/// <summary>Create (/admin/articles/new) and edit (/admin/articles/{id}) an article.</summary>
[UploadLimits]
internal sealed class ArticleEditModel(MastheadDb db, ArticleEditor editor, ArticlePreview preview, ExternalImages externalImages,
    ImageImporter importer, NewsroomClock clock, MediaStore media, IOptions<SiteOptions> site) : PageModel
{
    public sealed record Option(int Id, string Name);
    public sealed record TagOption(int Id, string Name, TagKind Kind);
    public sealed record MediaOption(string Url, string Label, string Name);
    public sealed record RevisionRow(int Id, int Version, string? EditedBy, DateTime CreatedAt);
    public sealed record NoteRow(ArticleNoteKind Kind, string Text, DateTime CreatedAt);

    [BindProperty] public ArticleInput Input { get; set; } = new();
    [BindProperty] public IFormFile? HeroUpload { get; set; }
    [BindProperty] public string? Command { get; set; }
    /// <summary>The external image address whose Import button was pressed.</summary>
    [BindProperty] public string? ImportUrl { get; set; }

    public int? ArticleId { get; private set; }
    public ArticleStatus Status { get; private set; } = ArticleStatus.Draft;
    public DateTime? PublishAt { get; private set; }
    public DateTime? UpdatedAt { get; private set; }
    public string? Notice { get; private set; }
    /// <summary>The whole preview page for the frame's srcdoc; null before a new article is first previewed.</summary>
    public string? PreviewDocument { get; private set; }
    /// <summary>The form holds changes that are not saved (a preview, a rejected save, an import): editor.js warns
    /// before the page is left.</summary>
    public bool Unsaved { get; private set; }
    /// <summary>Set when this request's upload became the hero without the article being saved.</summary>
    public bool HeroKeptFromUpload { get; private set; }
    public IReadOnlyList<string> ExternalImageUrls { get; private set; } = [];
    public string? NoteText { get; private set; }
    public ArticleNoteKind NoteKind { get; private set; } = ArticleNoteKind.Correction;
    public List<Option> Sections { get; private set; } = [];
    public List<Option> Authors { get; private set; } = [];
    public List<TagOption> Tags { get; private set; } = [];
    public List<MediaOption> MediaLibrary { get; private set; } = [];
    public List<RevisionRow> Revisions { get; private set; } = [];
    public List<NoteRow> Notes { get; private set; } = [];
    public NewsroomClock Clock => clock;
    public long MaxUploadBytes => media.MaxBytes;
    public bool IsNew => ArticleId is null;
    public MediaOption? CurrentHero => MediaLibrary.FirstOrDefault(m => m.Url == Input.HeroImageUrl);

    /// <param name="kind">For a new piece: <c>?kind=memo</c> starts a memo, which is PRO unless the editor changes it.</param>
    public async Task<IActionResult> OnGetAsync(string id, string? notice, CancellationToken ct, [FromQuery(Name = "kind")] string? kind = null)
    {
        if (!TryParse(id, out var articleId)) return NotFound();
        if (articleId is null && ArticleKinds.FromSlug(kind) is { } newKind)
        {
            Input = new ArticleInput { Kind = newKind, Access = ArticleKinds.DefaultAccess(newKind) };
        }
        if (articleId is { } existing)
        {
            var article = await db.Articles.AsNoTracking().Include(a => a.Authors).Include(a => a.Tags).Include(a => a.Memo)
                .FirstOrDefaultAsync(a => a.Id == existing, ct);
            if (article is null) return NotFound();
            Input = new ArticleInput
            {
                Title = article.Title, Slug = article.Slug, Dek = article.Dek, Body = article.BodyMarkdown,
                Language = article.Language, SectionId = article.SectionId, Access = article.Access,
                Kind = article.Kind, Memo = MemoInput.From(article.Memo),
                AuthorIds = article.Authors.OrderBy(a => a.Position).Select(a => (int?)a.AuthorId).ToList(),
                TagIds = article.Tags.Select(t => t.TagId).ToList(),
                HeroImageUrl = article.HeroImageUrl, HeroImageAlt = article.HeroImageAlt,
                HeroCaption = article.HeroCaption, HeroCredit = article.HeroCredit,
                ScheduleAt = article.Status == ArticleStatus.Scheduled && article.PublishAt is { } at ? clock.ToLocal(at) : null,
                Version = article.Version,
            };
        }
        Notice = AdminNotices.For(notice);
        if (!await LoadAsync(articleId, ct)) return NotFound();
        // A stored article is previewed as saved; a new one once the editor asks.
        if (articleId is not null) PreviewDocument = await preview.RenderAsync(HttpContext, articleId, Input, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        if (!TryParse(id, out var articleId)) return NotFound();
        if (!await KeepHeroUploadAsync(ct) || Command == "preview") return await UnsavedPageAsync(articleId, ct);
        var command = Command switch
        {
            "publish" => ArticleCommand.Publish,
            "schedule" => ArticleCommand.Schedule,
            "unpublish" => ArticleCommand.Unpublish,
            _ => ArticleCommand.Save,
        };
        var result = await editor.SaveAsync(articleId, Input, command, EditorName(), ct);
        if (!result.Succeeded)
        {
            foreach (var (key, message) in result.Errors)
            {
                ModelState.AddModelError(key is "" ? key : "Input." + key, message);
            }
            return await UnsavedPageAsync(articleId, ct);
        }
        var notice = command switch
        {
            ArticleCommand.Publish => "published",
            ArticleCommand.Schedule => "scheduled",
            ArticleCommand.Unpublish => "unpublished",
            _ => "saved",
        };
        return Redirect($"/admin/articles/{result.ArticleId}?notice={notice}");
    }

    /// <summary>The Import button beside an external image: copies it into the media library and points the Markdown
    /// at the copy. The article is not saved; the rest of the form comes back as it was posted.</summary>
    public async Task<IActionResult> OnPostImportImageAsync(string id, CancellationToken ct)
    {
        if (!TryParse(id, out var articleId)) return NotFound();
        if (await KeepHeroUploadAsync(ct) && ImportUrl is { Length: > 0 } url)
        {
            var body = Input.Body ?? "";
            var imported = externalImages.Find(body, site.Value.BaseUrl).Contains(url)
                ? await importer.ImportAsync(url, null, EditorName(), ct)
                : new MediaUploadResult(null, "That image is no longer in the body, so nothing was imported.");
            if (imported.Asset is { } asset)
            {
                Input.Body = externalImages.Replace(body, url, asset.Url);
                Notice = $"The image is in the media library now and the body points at {asset.Url}. Save to keep the change.";
            }
            else
            {
                ModelState.AddModelError(nameof(ImportUrl), $"Could not import {url}: {imported.Error}");
            }
        }
        return await UnsavedPageAsync(articleId, ct);
    }

    public async Task<IActionResult> OnPostNoteAsync(string id, [FromForm] ArticleNoteKind noteKind, [FromForm] string? noteText,
        CancellationToken ct)
    {
        if (!TryParse(id, out var articleId) || articleId is not { } existing) return NotFound();
        var error = await editor.AddNoteAsync(existing, noteKind, noteText, ct);
        if (error is null) return Redirect($"/admin/articles/{existing}?notice=note");

        // Show the note error, with the article as stored (the note form does not carry the article's fields).
        ModelState.Clear();
        ModelState.AddModelError("NoteText", error);
        NoteText = noteText;
        NoteKind = noteKind;
        return await OnGetAsync(id, null, ct);
    }

    /// <summary>False when the upload was refused; its error is on the form then.</summary>
    private async Task<bool> KeepHeroUploadAsync(CancellationToken ct)
    {
        if (await editor.KeepHeroUploadAsync(Input, HeroUpload, EditorName(), ct) is { } error)
        {
            ModelState.AddModelError(nameof(HeroUpload), error);
            return false;
        }
        HeroKeptFromUpload = HeroUpload is { Length: > 0 };
        return true;
    }

    /// <summary>The form again with everything the editor posted, and the preview of it beside.</summary>
    private async Task<IActionResult> UnsavedPageAsync(int? articleId, CancellationToken ct)
    {
        if (!await LoadAsync(articleId, ct)) return NotFound();
        Unsaved = true;
        PreviewDocument = await preview.RenderAsync(HttpContext, articleId, Input, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(int? articleId, CancellationToken ct)
    {
        if (articleId is { } existing)
        {
            var meta = await db.Articles.AsNoTracking().Where(a => a.Id == existing)
                .Select(a => new { a.Status, a.PublishAt, a.UpdatedAt }).FirstOrDefaultAsync(ct);
            if (meta is null) return false;
            (ArticleId, Status, PublishAt, UpdatedAt) = (existing, meta.Status, meta.PublishAt, meta.UpdatedAt);
            Revisions = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == existing)
                .OrderByDescending(r => r.Version).ThenByDescending(r => r.Id)
                .Select(r => new RevisionRow(r.Id, r.Version, r.EditedBy, r.CreatedAt)).ToListAsync(ct);
            Notes = await db.ArticleNotes.AsNoTracking().Where(n => n.ArticleId == existing)
                .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)
                .Select(n => new NoteRow(n.Kind, n.Text, n.CreatedAt)).ToListAsync(ct);
        }
        Sections = await db.Sections.AsNoTracking().OrderBy(s => s.Position).ThenBy(s => s.Name)
            .Select(s => new Option(s.Id, s.Name)).ToListAsync(ct);
        Authors = await db.Authors.AsNoTracking().OrderBy(a => a.Name).Select(a => new Option(a.Id, a.Name)).ToListAsync(ct);
        Tags = await db.Tags.AsNoTracking().OrderBy(t => t.Kind).ThenBy(t => t.Name)
            .Select(t => new TagOption(t.Id, t.Name, t.Kind)).ToListAsync(ct);
        MediaLibrary = (await db.MediaAssets.AsNoTracking().OrderByDescending(m => m.UploadedAt).Take(200)
            .Select(m => new { m.FileName, m.OriginalName, m.AltText }).ToListAsync(ct))
            .Select(m => new MediaOption("/media/" + m.FileName, m.AltText.Length > 0 ? $"{m.AltText} ({m.OriginalName})" : m.OriginalName, m.OriginalName))
            .ToList();
        // A hero set elsewhere (the demo seed, an older import) stays selectable.
        if (Input.HeroImageUrl is { Length: > 0 } hero && MediaLibrary.All(m => m.Url != hero))
        {
            MediaLibrary.Insert(0, new MediaOption(hero, hero, Path.GetFileName(hero)));
        }
        ExternalImageUrls = externalImages.Find(Input.Body, site.Value.BaseUrl);
        return true;
    }

    private string? EditorName() => User.FindFirstValue(ClaimTypes.Email) ?? User.Identity?.Name;

    private static bool TryParse(string id, out int? articleId)
    {
        articleId = null;
        if (id == "new") return true;
        if (int.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            articleId = n;
            return true;
        }
        return false;
    }
}
