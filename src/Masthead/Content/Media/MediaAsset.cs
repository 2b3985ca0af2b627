using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Content.Media;

/// <summary>An uploaded image. The file lives at StorageOptions.MediaDirectory/FileName and is served
/// at /media/FileName; the name is derived from the content, so the same bytes map to one asset.</summary>
public sealed class MediaAsset
{
    public int Id { get; set; }
    /// <summary>sha256 prefix plus the extension of the detected format, e.g. "3f9a…c1.png".</summary>
    public required string FileName { get; set; }
    public string OriginalName { get; set; } = "";
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public string AltText { get; set; } = "";
    public string? UploadedBy { get; set; }
    public DateTime UploadedAt { get; set; }

    public string Url => "/media/" + FileName;
}

internal sealed class MediaAssetConfiguration : IEntityTypeConfiguration<MediaAsset>
{
    public void Configure(EntityTypeBuilder<MediaAsset> b)
    {
        b.HasIndex(m => m.FileName).IsUnique();
        b.HasIndex(m => m.UploadedAt);
        b.Property(m => m.FileName).HasMaxLength(100);
        b.Property(m => m.OriginalName).HasMaxLength(260);
        b.Property(m => m.ContentType).HasMaxLength(50);
        b.Property(m => m.AltText).HasMaxLength(300);
        b.Property(m => m.UploadedBy).HasMaxLength(256);
        b.Ignore(m => m.Url);
    }
}
