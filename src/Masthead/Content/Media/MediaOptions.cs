using System.ComponentModel.DataAnnotations;

namespace Masthead.Content.Media;

public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>Largest accepted upload, in bytes.</summary>
    [Range(1, 100 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>The request limit on upload forms: the file limit plus room for the other fields, so a
    /// file slightly too large still reaches the handler and gets a readable message.</summary>
    public long RequestLimit => MaxBytes * 2 + 1024 * 1024;
}
