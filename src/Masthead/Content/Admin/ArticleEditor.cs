using Masthead.Admin;
using Masthead.Content.Media;
using Masthead.Content.Search;
using Masthead.Data;
using Masthead.Site;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Content.Admin;

/// <summary>Every change an editor makes to an article goes through here: validation, rendering,
/// the version check, the revision record and the cache eviction happen in one place.</summary>
public sealed class ArticleEditor(MastheadDb db, MarkdownRenderer renderer, NewsroomClock clock, MediaStore media,
    IOutputCacheStore cache, ISearchIndex search, MemoEditing memos)
{
    public const string StaleMessage =
        "This article was changed by someone else after you opened it. Nothing was saved: reload it to see the latest version, then make your change again.";

    /// <summary>Puts a hero image upload into the media library at once and makes it the form's hero
    /// (<see cref="ArticleInput.HeroImageUrl"/>), before anything else is checked or saved. A file input comes back
    /// empty from every round trip (preview, a rejected form, an import), so the upload is kept as a library image
    /// instead: the next post carries its address and Publish publishes with it. Returns the error for a file that is
    /// not an image or is too large; nothing is stored then.</summary>
    public async Task<string?> KeepHeroUploadAsync(ArticleInput input, IFormFile? heroUpload, string? editor, CancellationToken ct)
    {
        if (heroUpload is not { Length: > 0 }) return null;
        var upload = await media.SaveAsync(heroUpload, input.HeroImageAlt, editor, ct);
        if (!upload.Succeeded) return upload.Error;
        input.HeroImageUrl = upload.Asset!.Url;
        return null;
    }

    public async Task<ArticleSaveResult> SaveAsync(int? id, ArticleInput input, ArticleCommand command,
        string? editor, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var errors = new Dictionary<string, string>();
        Article? article = null;
        if (id is { } existingId)
        {
            article = await db.Articles.Include(a => a.Authors).Include(a => a.Tags).Include(a => a.Memo)
                .FirstOrDefaultAsync(a => a.Id == existingId, ct);
            if (article is null) return Fail("", "This article no longer exists.");
            if (article.Version != input.Version) return Fail("", StaleMessage);
        }

        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0) errors[nameof(input.Title)] = "Enter a title.";
        else if (title.Length > 300) errors[nameof(input.Title)] = "Keep the title under 300 characters.";

        var slug = string.IsNullOrWhiteSpace(input.Slug) ? Slug.From(title) : input.Slug.Trim();
        if (slug.Length == 0 && title.Length > 0) errors[nameof(input.Slug)] = "Enter a slug: the title has no Latin letters or digits to make one from.";
        else if (slug.Length > 0 && !Slug.IsValid(slug)) errors[nameof(input.Slug)] = "A slug may contain only lowercase letters a–z, digits and single hyphens, up to 120 characters.";
        else if (slug.Length > 0 && await db.Articles.AnyAsync(a => a.Slug == slug && a.Id != (id ?? 0), ct))
            errors[nameof(input.Slug)] = $"Another article already uses the slug “{slug}”. Choose a different one.";

        var dek = input.Dek?.Trim() ?? "";
        if (dek.Length > 600) errors[nameof(input.Dek)] = "Keep the dek under 600 characters.";
        if (!ArticleLanguages.IsKnown(input.Language)) errors[nameof(input.Language)] = "Choose a language from the list.";
        if (!Enum.IsDefined(input.Access)) errors[nameof(input.Access)] = "Choose who may read the article.";
        if (!Enum.IsDefined(input.Kind)) errors[nameof(input.Kind)] = "Choose the kind of piece.";
        else if (input.Kind != ArticleKind.Memo && !input.Memo.IsEmpty())
            errors[nameof(input.Kind)] = "Only a memo has memo parts: choose Memo as the kind, or empty the memo fields.";
        else if (input.Kind == ArticleKind.Memo && await memos.SourcesErrorAsync(input.Memo, ct) is { } sourcesError)
            errors[$"{nameof(input.Memo)}.{nameof(MemoInput.Sources)}"] = sourcesError;
        if (input.SectionId is { } sectionId && !await db.Sections.AnyAsync(s => s.Id == sectionId, ct))
            errors[nameof(input.SectionId)] = "That section no longer exists.";

        var authorIds = input.AuthorIds.OfType<int>().Distinct().ToList();
        if (authorIds.Count != input.AuthorIds.OfType<int>().Count()) errors[nameof(input.AuthorIds)] = "Each author can appear in the byline once.";
        else if (await db.Authors.CountAsync(a => authorIds.Contains(a.Id), ct) != authorIds.Count)
            errors[nameof(input.AuthorIds)] = "One of the chosen authors no longer exists.";
        var tagIds = input.TagIds.Distinct().ToList();
        var knownTagIds = await db.Tags.Where(t => tagIds.Contains(t.Id)).Select(t => t.Id).ToListAsync(ct);

        var heroUrl = string.IsNullOrWhiteSpace(input.HeroImageUrl) ? null : input.HeroImageUrl.Trim();
        if (heroUrl is not null && (!heroUrl.StartsWith('/') || heroUrl.StartsWith("//")))
            errors[nameof(input.HeroImageUrl)] = "Pick the hero image from the media library.";
        if (heroUrl is not null && string.IsNullOrWhiteSpace(input.HeroImageAlt))
            errors[nameof(input.HeroImageAlt)] = "Describe the hero image for readers who cannot see it.";

        DateTime? scheduleUtc = null;
        if (command == ArticleCommand.Schedule)
        {
            if (input.ScheduleAt is not { } local) errors[nameof(input.ScheduleAt)] = $"Enter the date and time to publish ({clock.ZoneName}).";
            else if (clock.ToUtc(local) is not { } utc) errors[nameof(input.ScheduleAt)] = "That time does not exist in the newsroom's time zone (a clock change skips it).";
            else if (utc <= now) errors[nameof(input.ScheduleAt)] = "Choose a time in the future, or use Publish now.";
            else scheduleUtc = utc;
        }

        if (errors.Count > 0) return new(null, errors);

        if (article is null)
        {
            article = new Article { Slug = slug, Title = title, CreatedAt = now, Status = ArticleStatus.Draft, Version = 0 };
            db.Articles.Add(article);
        }
        article.Slug = slug;
        article.Title = title;
        article.Dek = dek;
        article.BodyMarkdown = input.Body ?? "";
        article.BodyHtml = renderer.ToHtml(article.BodyMarkdown);
        article.Language = input.Language!;
        article.SectionId = input.SectionId;
        article.Access = input.Access;
        article.Kind = input.Kind;
        await SyncMemoAsync(article, input.Memo, ct);
        article.HeroImageUrl = heroUrl;
        article.HeroImageAlt = heroUrl is null ? null : input.HeroImageAlt?.Trim();
        article.HeroCaption = heroUrl is null ? null : Blank(input.HeroCaption);
        article.HeroCredit = heroUrl is null ? null : Blank(input.HeroCredit);
        ApplyCommand(article, command, scheduleUtc, now);
        SyncAuthors(article, authorIds);
        SyncTags(article, knownTagIds);
        article.Version++;
        article.UpdatedAt = now;
        article.Revisions.Add(new ArticleRevision
        {
            Version = article.Version, Title = article.Title, Dek = article.Dek, BodyMarkdown = article.BodyMarkdown,
            EditedBy = editor, CreatedAt = now,
        });

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and our write: the Version token caught it.
            return Fail("", StaleMessage);
        }
        catch (DbUpdateException)
        {
            // Another editor may have taken the slug between our check and our write; the unique index caught it.
            var articleId = article.Id;
            db.ChangeTracker.Clear();
            if (await db.Articles.AnyAsync(a => a.Slug == slug && a.Id != articleId, ct))
                return Fail(nameof(input.Slug), $"Another article already uses the slug “{slug}”. Choose a different one.");
            throw;
        }
        await search.IndexAsync(article.Id, ct);
        await cache.EvictByTagAsync(SiteModule.ContentCacheTag, ct);
        return new(article.Id, new Dictionary<string, string>());
    }

    /// <summary>Adds a correction or editor's note. A correction to a live article also moves its
    /// UpdatedAt, so readers and feeds see that it changed.</summary>
    public async Task<string?> AddNoteAsync(int id, ArticleNoteKind kind, string? text, CancellationToken ct)
    {
        text = text?.Trim() ?? "";
        if (!Enum.IsDefined(kind)) return "Choose correction or editor's note.";
        if (text.Length == 0) return "Write the text of the note.";
        if (text.Length > 2000) return "Keep the note under 2,000 characters.";
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null) return "This article no longer exists.";
        var now = clock.UtcNow;
        db.ArticleNotes.Add(new ArticleNote { ArticleId = id, Kind = kind, Text = text, CreatedAt = now });
        if (kind == ArticleNoteKind.Correction && article.IsVisibleAt(now)) article.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        await cache.EvictByTagAsync(SiteModule.ContentCacheTag, ct);
        return null;
    }

    private static void ApplyCommand(Article article, ArticleCommand command, DateTime? scheduleUtc, DateTime now)
    {
        switch (command)
        {
            case ArticleCommand.Publish:
                // Republishing a live piece keeps its original date.
                if (!article.IsVisibleAt(now)) article.PublishAt = now;
                article.Status = ArticleStatus.Published;
                break;
            case ArticleCommand.Schedule:
                article.Status = ArticleStatus.Scheduled;
                article.PublishAt = scheduleUtc;
                break;
            case ArticleCommand.Unpublish:
                article.Status = ArticleStatus.Draft;
                article.PublishAt = null;
                break;
        }
    }

    private async Task SyncMemoAsync(Article article, MemoInput parts, CancellationToken ct)
    {
        if (article.Kind != ArticleKind.Memo || parts.IsEmpty())
        {
            if (article.Memo is not null) db.ArticleMemos.Remove(article.Memo);
            article.Memo = null;
            return;
        }
        article.Memo ??= new ArticleMemo();
        article.Memo.CopyFrom(parts, await memos.ToHtmlAsync(parts, ct));
    }

    private static void SyncAuthors(Article article, List<int> authorIds)
    {
        article.Authors.RemoveAll(a => !authorIds.Contains(a.AuthorId));
        for (var i = 0; i < authorIds.Count; i++)
        {
            var link = article.Authors.FirstOrDefault(a => a.AuthorId == authorIds[i]);
            if (link is null) article.Authors.Add(new ArticleAuthor { AuthorId = authorIds[i], Position = i });
            else link.Position = i;
        }
    }

    private static void SyncTags(Article article, List<int> tagIds)
    {
        article.Tags.RemoveAll(t => !tagIds.Contains(t.TagId));
        foreach (var tagId in tagIds.Where(t => article.Tags.All(x => x.TagId != t)))
        {
            article.Tags.Add(new ArticleTag { TagId = tagId });
        }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static ArticleSaveResult Fail(string key, string message) => new(null, new Dictionary<string, string> { [key] = message });
}
