using Masthead.Content;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Demo;

/// <summary>Writes the demo newsroom into an empty database: sections, tags, authors and the articles
/// in Demo/Articles, each with a hero illustration drawn by <see cref="HeroArt"/>. Seeds nothing once
/// any article exists, so it never fights with real content. Content goes in with one SaveChanges.</summary>
internal sealed class DemoSeeder(MastheadDb db, MarkdownRenderer renderer, MemoRenderer memos, TimeProvider time,
    IOptions<StorageOptions> storage, ILogger<DemoSeeder> logger)
{
    public const string Credit = "Illustration: Levant Ledger graphics desk";
    public const string MediaFolder = "demo";

    /// <summary>Returns the number of articles written (0 when the database already had content).</summary>
    public async Task<int> SeedContentAsync(CancellationToken ct = default)
    {
        // A plain count: on every start but the first, this is all the seeder does.
        var articles = db.Model.FindEntityType(typeof(Content.Article))!.GetTableName();
        if (await db.Database.CountAsync($"SELECT COUNT(*) FROM \"{articles}\"") > 0) return 0;
        var started = time.GetTimestamp();
        var now = time.GetUtcNow().UtcDateTime;
        var files = DemoArticleFile.LoadAll();
        var media = Path.Combine(storage.Value.MediaDirectory, MediaFolder);
        Directory.CreateDirectory(Path.Combine(media, "authors"));

        var sections = await EnsureSectionsAsync(ct);
        var tags = await EnsureTagsAsync(ct);
        var authors = await EnsureAuthorsAsync(media, ct);

        // Rendering and drawing are CPU-bound and independent: spread them over the cores, then add to
        // the context on this thread (DbContext is not thread-safe).
        var html = new string[files.Count];
        var memoHtml = new string[files.Count];
        // A memo's Sources may cite other demo articles, which are not in the database yet: titles come from the files.
        var titles = files.ToDictionary(f => f.Slug, f => f.Title);
        Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var file = files[i];
            var section = sections.GetValueOrDefault(file.Section) ?? throw Unknown(file, "section", file.Section);
            html[i] = renderer.ToHtml(file.Body);
            memoHtml[i] = file.Memo is { } memo ? memos.ToHtml(memo, titles) : "";
            File.WriteAllText(Path.Combine(media, file.Slug + ".svg"), HeroArt.Draw(file.Slug, section.Slug, section.Name));
        });
        for (var i = 0; i < files.Count; i++)
        {
            var article = Build(files[i], sections[files[i].Section], html[i], tags, authors, now);
            if (files[i].Memo is { } parts)
            {
                if (MemoSources.OwnSlugs(parts.Sources).FirstOrDefault(s => !titles.ContainsKey(s)) is { } unknown)
                    throw Unknown(files[i], "source", unknown);
                article.Memo = new ArticleMemo();
                article.Memo.CopyFrom(parts, memoHtml[i]);
            }
            db.Articles.Add(article);
            // Listed in the media library so editors can reuse the drawings on new pieces.
            db.MediaAssets.Add(new Content.Media.MediaAsset
            {
                FileName = $"{MediaFolder}/{files[i].Slug}.svg",
                OriginalName = $"{files[i].Slug}.svg",
                ContentType = "image/svg+xml",
                SizeBytes = new FileInfo(Path.Combine(media, files[i].Slug + ".svg")).Length,
                Width = 1200,
                Height = 675,
                AltText = article.HeroImageAlt ?? "",
                UploadedBy = "demo",
                UploadedAt = article.CreatedAt,
            });
        }
        await db.SaveChangesAsync(ct);
        await SeedChartsAsync(now, ct);
        logger.LogInformation("Demo newsroom seeded: {Articles} articles, {Authors} authors, {Tags} tags in {Elapsed} ms.",
            files.Count, authors.Count, tags.Count, (int)time.GetElapsedTime(started).TotalMilliseconds);
        return files.Count;
    }

    /// <summary>The trend reports' charts (<see cref="DemoCharts"/>), added once their articles have ids.</summary>
    private async Task SeedChartsAsync(DateTime now, CancellationToken ct)
    {
        var charts = DemoCharts.All(now);
        var slugs = charts.Select(c => c.ArticleSlug).Distinct().ToList();
        var ids = await db.Articles.Where(a => slugs.Contains(a.Slug)).ToDictionaryAsync(a => a.Slug, a => a.Id, ct);
        foreach (var (articleSlug, chart) in charts)
        {
            chart.ArticleId = ids[articleSlug];
            db.Charts.Add(chart);
        }
        await db.SaveChangesAsync(ct);
    }

    private static Article Build(DemoArticleFile file, Section section, string bodyHtml, Dictionary<string, Tag> tags,
        Dictionary<string, Author> authors, DateTime now)
    {
        DateTime? publishAt = file.Status == ArticleStatus.Draft ? null : now - file.Age;
        var created = (publishAt ?? now - file.Age) - TimeSpan.FromHours(6);
        var updated = publishAt is { } at && file.Notes.Length > 0 ? at + file.Notes.Max(n => n.AfterPublication) : publishAt ?? now;
        var article = new Article
        {
            Slug = file.Slug,
            Title = file.Title,
            Dek = file.Dek,
            BodyMarkdown = file.Body,
            BodyHtml = bodyHtml,
            Language = file.Language,
            Section = section,
            Status = file.Status,
            PublishAt = publishAt,
            Access = file.Access,
            Kind = file.Kind,
            HeroImageUrl = $"/media/{MediaFolder}/{file.Slug}.svg",
            HeroImageAlt = file.HeroAlt,
            HeroCaption = file.HeroCaption,
            HeroCredit = Credit,
            CreatedAt = created,
            UpdatedAt = updated > now ? now : updated,
            Version = 1,
        };
        for (var i = 0; i < file.Authors.Length; i++)
        {
            var author = authors.GetValueOrDefault(file.Authors[i]) ?? throw Unknown(file, "author", file.Authors[i]);
            article.Authors.Add(new ArticleAuthor { Author = author, Position = i });
        }
        foreach (var slug in file.Tags.Distinct())
        {
            article.Tags.Add(new ArticleTag { Tag = tags.GetValueOrDefault(slug) ?? throw Unknown(file, "tag", slug) });
        }
        foreach (var note in file.Notes)
        {
            article.Notes.Add(new ArticleNote { Kind = note.Kind, Text = note.Text, CreatedAt = (publishAt ?? created) + note.AfterPublication });
        }
        article.Revisions.Add(new ArticleRevision
        {
            Version = 1, Title = file.Title, Dek = file.Dek, BodyMarkdown = file.Body,
            EditedBy = "demo", CreatedAt = created,
        });
        return article;
    }

    private async Task<Dictionary<string, Section>> EnsureSectionsAsync(CancellationToken ct)
    {
        var existing = await db.Sections.ToDictionaryAsync(s => s.Slug, ct);
        for (var i = 0; i < DemoCatalog.Sections.Length; i++)
        {
            var seed = DemoCatalog.Sections[i];
            if (existing.ContainsKey(seed.Slug)) continue;
            existing[seed.Slug] = db.Sections.Add(new Section { Slug = seed.Slug, Name = seed.Name, Description = seed.Description, Position = i }).Entity;
        }
        return existing;
    }

    private async Task<Dictionary<string, Tag>> EnsureTagsAsync(CancellationToken ct)
    {
        var existing = await db.Tags.ToDictionaryAsync(t => t.Slug, ct);
        foreach (var seed in DemoCatalog.Tags.Where(t => !existing.ContainsKey(t.Slug)))
        {
            existing[seed.Slug] = db.Tags.Add(new Tag { Slug = seed.Slug, Name = seed.Name, Kind = seed.Kind, Description = seed.Description }).Entity;
        }
        return existing;
    }

    private async Task<Dictionary<string, Author>> EnsureAuthorsAsync(string media, CancellationToken ct)
    {
        var existing = await db.Authors.ToDictionaryAsync(a => a.Slug, ct);
        foreach (var seed in DemoCatalog.Authors.Where(a => !existing.ContainsKey(a.Slug)))
        {
            await File.WriteAllTextAsync(Path.Combine(media, "authors", seed.Slug + ".svg"), HeroArt.Portrait(seed.Slug, seed.Name), ct);
            existing[seed.Slug] = db.Authors.Add(new Author
            {
                Slug = seed.Slug, Name = seed.Name, Title = seed.Title, Bio = seed.Bio,
                PhotoUrl = $"/media/{MediaFolder}/authors/{seed.Slug}.svg",
            }).Entity;
        }
        return existing;
    }

    private static InvalidDataException Unknown(DemoArticleFile file, string what, string value) =>
        new($"demo article {file.Slug}: unknown {what} '{value}'");
}
