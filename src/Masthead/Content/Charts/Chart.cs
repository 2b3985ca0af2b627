using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Content.Charts;

public enum ChartType { Line = 0, Bar = 1, StackedBar = 2 }

/// <summary>A chart of an article (a trend report has several): what it shows, how, and where it sits. Linked to
/// its article by id only, so an article needs nothing of charts; deleting the article deletes its charts.</summary>
public sealed class Chart
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    /// <summary>Unique across the site: the short code <c>[[chart:SLUG]]</c> names it from any article.</summary>
    public required string Slug { get; set; }
    public required string Title { get; set; }
    /// <summary>What the chart shows, in words: the SVG's &lt;desc&gt; and the data table's caption.</summary>
    public string Description { get; set; } = "";
    public ChartType Type { get; set; }
    /// <summary>Order among the article's charts, 0 first; charts no short code places follow the body in this order.</summary>
    public int Position { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<ChartSeries> Series { get; set; } = [];
}

/// <summary>One named line or bar group of a chart, with its unit and where the figures come from.</summary>
public sealed class ChartSeries
{
    public int Id { get; set; }
    public int ChartId { get; set; }
    public required string Name { get; set; }
    public string Unit { get; set; } = "";
    public string Source { get; set; } = "";
    public string? SourceUrl { get; set; }
    public int Position { get; set; }
    public List<SeriesPoint> Points { get; set; } = [];
}

/// <summary>One dated value of a series; a series has at most one point per date.</summary>
public sealed class SeriesPoint
{
    public int Id { get; set; }
    public int SeriesId { get; set; }
    public DateOnly Date { get; set; }
    public decimal Value { get; set; }
}

internal sealed class ChartConfiguration : IEntityTypeConfiguration<Chart>
{
    public void Configure(EntityTypeBuilder<Chart> b)
    {
        b.HasIndex(c => c.Slug).IsUnique();
        b.HasIndex(c => new { c.ArticleId, c.Position });
        b.Property(c => c.Slug).HasMaxLength(120);
        b.Property(c => c.Title).HasMaxLength(300);
        b.Property(c => c.Description).HasMaxLength(1000);
        b.HasOne<Article>().WithMany().HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Series).WithOne().HasForeignKey(s => s.ChartId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ChartSeriesConfiguration : IEntityTypeConfiguration<ChartSeries>
{
    public void Configure(EntityTypeBuilder<ChartSeries> b)
    {
        b.ToTable("ChartSeries");
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.Unit).HasMaxLength(50);
        b.Property(s => s.Source).HasMaxLength(300);
        b.Property(s => s.SourceUrl).HasMaxLength(500);
        b.HasMany(s => s.Points).WithOne().HasForeignKey(p => p.SeriesId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SeriesPointConfiguration : IEntityTypeConfiguration<SeriesPoint>
{
    public void Configure(EntityTypeBuilder<SeriesPoint> b)
    {
        b.HasIndex(p => new { p.SeriesId, p.Date }).IsUnique();
        b.Property(p => p.Value).HasPrecision(20, 6);
    }
}
