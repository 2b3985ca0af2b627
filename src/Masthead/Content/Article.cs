using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Content;

public enum ArticleStatus { Draft = 0, Scheduled = 1, Published = 2 }

/// <summary>Who may read an article's body. Stored and enforced; the full paywall comes with PRO.</summary>
public enum AccessLevel { Public = 0, Members = 1, Pro = 2 }

public sealed class Article
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string Dek { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
    /// <summary>Markdig output passed through HtmlSanitizer at save time; safe to emit raw.</summary>
    public string BodyHtml { get; set; } = "";
    /// <summary>BCP 47 tag, e.g. "en", "ar", "he", "fa". Direction follows from it.</summary>
    public string Language { get; set; } = "en";
    public int? SectionId { get; set; }
    public Section? Section { get; set; }
    public ArticleStatus Status { get; set; }
    /// <summary>When the article becomes visible (UTC). Null for drafts never scheduled.</summary>
    public DateTime? PublishAt { get; set; }
    public AccessLevel Access { get; set; }
    public ArticleKind Kind { get; set; }
    public string? HeroImageUrl { get; set; }
    public string? HeroImageAlt { get; set; }
    public string? HeroCaption { get; set; }
    public string? HeroCredit { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Optimistic concurrency: bumped on every save.</summary>
    public int Version { get; set; }

    public List<ArticleAuthor> Authors { get; set; } = [];
    public List<ArticleTag> Tags { get; set; } = [];
    public List<ArticleNote> Notes { get; set; } = [];
    public List<ArticleRevision> Revisions { get; set; } = [];
    /// <summary>A memo's parts (ArticleMemo.cs); null for other kinds.</summary>
    public ArticleMemo? Memo { get; set; }

    /// <summary>Visible = scheduled or published, and the publish time has come. The scheduler
    /// flips Scheduled to Published, but visibility never waits for it.</summary>
    public static System.Linq.Expressions.Expression<Func<Article, bool>> VisibleAt(DateTime nowUtc) =>
        a => (a.Status == ArticleStatus.Published || a.Status == ArticleStatus.Scheduled)
             && a.PublishAt != null && a.PublishAt <= nowUtc;

    public bool IsVisibleAt(DateTime nowUtc) =>
        Status is ArticleStatus.Published or ArticleStatus.Scheduled && PublishAt is { } at && at <= nowUtc;
}

public sealed class ArticleAuthor
{
    public int ArticleId { get; set; }
    public Article? Article { get; set; }
    public int AuthorId { get; set; }
    public Author? Author { get; set; }
    /// <summary>Byline order, 0 first.</summary>
    public int Position { get; set; }
}

public sealed class ArticleTag
{
    public int ArticleId { get; set; }
    public Article? Article { get; set; }
    public int TagId { get; set; }
    public Tag? Tag { get; set; }
}

public enum ArticleNoteKind { EditorsNote = 0, Correction = 1 }

/// <summary>An editor's note or a correction, shown on the article with its date.</summary>
public sealed class ArticleNote
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public ArticleNoteKind Kind { get; set; }
    public required string Text { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A snapshot of an article's editable text, written on every save.</summary>
public sealed class ArticleRevision
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int Version { get; set; }
    public required string Title { get; set; }
    public string Dek { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
    public string? EditedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> b)
    {
        b.HasIndex(a => a.Slug).IsUnique();
        b.HasIndex(a => new { a.Status, a.PublishAt });
        b.HasIndex(a => new { a.Kind, a.PublishAt });
        b.Property(a => a.Slug).HasMaxLength(120);
        b.Property(a => a.Title).HasMaxLength(300);
        b.Property(a => a.Dek).HasMaxLength(600);
        b.Property(a => a.Language).HasMaxLength(20);
        b.Property(a => a.HeroImageUrl).HasMaxLength(500);
        b.Property(a => a.HeroImageAlt).HasMaxLength(300);
        b.Property(a => a.HeroCaption).HasMaxLength(600);
        b.Property(a => a.HeroCredit).HasMaxLength(200);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne(a => a.Section).WithMany().HasForeignKey(a => a.SectionId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(a => a.Notes).WithOne().HasForeignKey(n => n.ArticleId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Revisions).WithOne().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ArticleAuthorConfiguration : IEntityTypeConfiguration<ArticleAuthor>
{
    public void Configure(EntityTypeBuilder<ArticleAuthor> b)
    {
        b.HasKey(x => new { x.ArticleId, x.AuthorId });
        b.HasOne(x => x.Article).WithMany(a => a.Authors).HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Author).WithMany(a => a.Articles).HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ArticleTagConfiguration : IEntityTypeConfiguration<ArticleTag>
{
    public void Configure(EntityTypeBuilder<ArticleTag> b)
    {
        b.HasKey(x => new { x.ArticleId, x.TagId });
        b.HasOne(x => x.Article).WithMany(a => a.Tags).HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Tag).WithMany(t => t.Articles).HasForeignKey(x => x.TagId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ArticleNoteConfiguration : IEntityTypeConfiguration<ArticleNote>
{
    public void Configure(EntityTypeBuilder<ArticleNote> b) => b.Property(n => n.Text).HasMaxLength(2000);
}

internal sealed class ArticleRevisionConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> b)
    {
        b.HasIndex(r => new { r.ArticleId, r.Version });
        b.Property(r => r.Title).HasMaxLength(300);
        b.Property(r => r.Dek).HasMaxLength(600);
        b.Property(r => r.EditedBy).HasMaxLength(256);
    }
}
