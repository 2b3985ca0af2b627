using System.ComponentModel.DataAnnotations;

namespace Masthead.Content.Media;

public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>Largest accepted upload or imported image, in bytes.</summary>
    [Range(1, 100 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>The request limit on upload forms: the file limit plus room for the other fields, so a
    /// file slightly too large still reaches the handler and gets a readable message.</summary>
    public long RequestLimit => MaxBytes * 2 + 1024 * 1024;

    public ImageImportOptions Import { get; set; } = new();
}

/// <summary>Fetching an image from another site into the media library (Media:Import).</summary>
public sealed class ImageImportOptions
{
    /// <summary>The whole fetch, connection to last byte; between 1 second and 5 minutes.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Lets the import reach 127.0.0.1 and ::1, so a test can serve the image from a loopback server.
    /// Never set it in production: it opens the import to services on the machine itself.</summary>
    public bool AllowLoopbackForTests { get; set; }
}
