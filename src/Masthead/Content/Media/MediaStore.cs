using System.Security.Cryptography;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Content.Media;

public sealed record MediaUploadResult(MediaAsset? Asset, string? Error)
{
    public bool Succeeded => Asset is not null;
}

/// <summary>Checks and stores uploaded images. Everything is validated in memory first, so a rejected
/// upload leaves nothing on disk or in the database.</summary>
public sealed class MediaStore(MastheadDb db, IOptions<StorageOptions> storage, IOptions<MediaOptions> options, TimeProvider time)
{
    public const string NotAnImage = "Only PNG, JPEG, GIF and WebP images can be uploaded; this file is not one of them.";

    public long MaxBytes => options.Value.MaxBytes;

    public string TooLargeMessage => $"The file is too large: the limit is {FormatSize(MaxBytes)}.";

    public async Task<MediaUploadResult> SaveAsync(IFormFile? file, string? altText, string? uploadedBy, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return new(null, "Choose an image file to upload.");
        if (file.Length > MaxBytes) return new(null, TooLargeMessage);

        byte[]? bytes;
        await using (var input = file.OpenReadStream())
        {
            // The declared length is the client's claim too.
            bytes = await ReadAtMostAsync(input, ct);
        }
        if (bytes is null) return new(null, TooLargeMessage);
        return await SaveAsync(bytes, file.FileName, altText, uploadedBy, ct);
    }

    /// <summary>Reads the stream to its end, or returns null as soon as it goes past the limit (reading at most one
    /// chunk more than the limit).</summary>
    public async Task<byte[]?> ReadAtMostAsync(Stream input, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await input.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes) return null;
        }
        return buffer.ToArray();
    }

    /// <summary>Stores bytes already read (an upload or an imported image) if they are an image of a known format.</summary>
    public async Task<MediaUploadResult> SaveAsync(byte[] bytes, string? originalName, string? altText, string? uploadedBy,
        CancellationToken ct)
    {
        if (bytes.Length > MaxBytes) return new(null, TooLargeMessage);

        var format = ImageFormat.Detect(bytes);
        if (format is null) return new(null, NotAnImage);

        var fileName = Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + format.Extension;
        var existing = await db.Set<MediaAsset>().FirstOrDefaultAsync(m => m.FileName == fileName, ct);
        if (existing is not null)
        {
            if (string.IsNullOrWhiteSpace(existing.AltText) && !string.IsNullOrWhiteSpace(altText))
            {
                existing.AltText = altText.Trim();
                await db.SaveChangesAsync(ct);
            }
            await WriteFileAsync(fileName, bytes, ct);
            return new(existing, null);
        }

        await WriteFileAsync(fileName, bytes, ct);
        var asset = new MediaAsset
        {
            FileName = fileName,
            OriginalName = Path.GetFileName(originalName ?? "").Trim() is { Length: > 0 } n ? n[..Math.Min(n.Length, 260)] : fileName,
            ContentType = format.ContentType,
            SizeBytes = bytes.Length,
            Width = format.Width,
            Height = format.Height,
            AltText = altText?.Trim() ?? "",
            UploadedBy = uploadedBy,
            UploadedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Add(asset);
        await db.SaveChangesAsync(ct);
        return new(asset, null);
    }

    /// <summary>Writes through a temporary name and renames, so a reader never sees half a file.
    /// The name is the content hash: an existing file already holds these bytes.</summary>
    private async Task WriteFileAsync(string fileName, byte[] bytes, CancellationToken ct)
    {
        var directory = storage.Value.MediaDirectory;
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        if (File.Exists(path)) return;
        var temp = Path.Combine(directory, "." + Guid.NewGuid().ToString("n") + ".tmp");
        await File.WriteAllBytesAsync(temp, bytes, ct);
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
        }
    }

    public static string FormatSize(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024.0):0.#} MB",
        >= 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes} bytes",
    };
}
