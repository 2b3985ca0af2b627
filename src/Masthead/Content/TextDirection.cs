namespace Masthead.Content;

public static class TextDirection
{
    private static readonly HashSet<string> RightToLeft = new(StringComparer.OrdinalIgnoreCase)
    {
        "ar", "he", "fa", "ur", "ps", "ku", "ckb", "yi", "dv", "sd", "ug",
    };

    /// <summary>"rtl" for Arabic, Hebrew, Persian and other right-to-left scripts; "ltr" otherwise.</summary>
    public static string For(string? language)
    {
        if (string.IsNullOrWhiteSpace(language)) return "ltr";
        var primary = language.Split('-', 2)[0];
        return RightToLeft.Contains(primary) ? "rtl" : "ltr";
    }
}
