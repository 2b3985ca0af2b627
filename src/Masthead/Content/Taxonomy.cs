using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Content;

public sealed class Author
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? Title { get; set; }
    /// <summary>Markdown source; rendered and sanitized on display.</summary>
    public string Bio { get; set; } = "";
    public string? PhotoUrl { get; set; }
    public List<ArticleAuthor> Articles { get; set; } = [];
}

public sealed class Section
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    /// <summary>Order on the home page and in the navigation, lowest first.</summary>
    public int Position { get; set; }
}

public enum TagKind { Region = 0, Country = 1, Topic = 2, Industry = 3 }

public sealed class Tag
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public TagKind Kind { get; set; }
    public string Description { get; set; } = "";
    public List<ArticleTag> Articles { get; set; } = [];
}

internal sealed class AuthorConfiguration : IEntityTypeConfiguration<Author>
{
    public void Configure(EntityTypeBuilder<Author> b)
    {
        b.HasIndex(a => a.Slug).IsUnique();
        b.Property(a => a.Slug).HasMaxLength(120);
        b.Property(a => a.Name).HasMaxLength(200);
        b.Property(a => a.Title).HasMaxLength(200);
        b.Property(a => a.PhotoUrl).HasMaxLength(500);
    }
}

internal sealed class SectionConfiguration : IEntityTypeConfiguration<Section>
{
    public void Configure(EntityTypeBuilder<Section> b)
    {
        b.HasIndex(s => s.Slug).IsUnique();
        b.Property(s => s.Slug).HasMaxLength(120);
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.Description).HasMaxLength(1000);
    }
}

internal sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> b)
    {
        b.HasIndex(t => t.Slug).IsUnique();
        b.Property(t => t.Slug).HasMaxLength(120);
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.Description).HasMaxLength(1000);
    }
}
