using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Briefings;

public enum EditionStatus { Draft = 0, Scheduled = 1, Sending = 2, Sent = 3, Canceled = 4 }

/// <summary>One issue of a briefing: chosen articles, an intro, sent once to the list's active subscribers.</summary>
public sealed class Edition
{
    public long Id { get; set; }
    public int ListId { get; set; }
    public BriefingList? List { get; set; }
    public EditionStatus Status { get; set; }
    public string Subject { get; set; } = "";
    /// <summary>Markdown written by the editor, shown above the items.</summary>
    public string Intro { get; set; } = "";
    public string Preheader { get; set; } = "";
    /// <summary>The articles considered were published in [WindowStart, WindowEnd).</summary>
    public DateTime WindowStart { get; set; }
    public DateTime WindowEnd { get; set; }
    /// <summary>When a scheduled edition goes out (UTC).</summary>
    public DateTime? SendAt { get; set; }
    /// <summary>When sending began: the recipients were fixed (written to the outbox) at this moment.</summary>
    public DateTime? SentAt { get; set; }
    /// <summary>The archive date, in the list's time zone: /briefings/{list}/{yyyy-MM-dd}.</summary>
    public DateOnly? ArchiveDate { get; set; }
    public int RecipientCount { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<EditionItem> Items { get; set; } = [];
}

public sealed class EditionItem
{
    public long EditionId { get; set; }
    public int ArticleId { get; set; }
    public Content.Article? Article { get; set; }
    public int Position { get; set; }
}

internal sealed class EditionConfiguration : IEntityTypeConfiguration<Edition>
{
    public void Configure(EntityTypeBuilder<Edition> b)
    {
        b.HasIndex(e => new { e.ListId, e.Status });
        b.HasIndex(e => new { e.ListId, e.ArchiveDate });
        b.Property(e => e.Subject).HasMaxLength(300);
        b.Property(e => e.Preheader).HasMaxLength(300);
        b.HasOne(e => e.List).WithMany().HasForeignKey(e => e.ListId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Items).WithOne().HasForeignKey(i => i.EditionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EditionItemConfiguration : IEntityTypeConfiguration<EditionItem>
{
    public void Configure(EntityTypeBuilder<EditionItem> b)
    {
        b.HasKey(i => new { i.EditionId, i.ArticleId });
        b.HasOne(i => i.Article).WithMany().HasForeignKey(i => i.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
