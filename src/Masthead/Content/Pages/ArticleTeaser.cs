namespace Masthead.Content.Pages;

/// <summary>What a reader without access sees of a body: its lead paragraph, and only when the piece is long
/// enough (three paragraphs or more) that the lead is a small part of it. Short pieces show the dek alone.</summary>
public static class ArticleTeaser
{
    private const int MinParagraphs = 3;

    /// <summary>The first paragraph of sanitized body HTML (as the renderer wrote it), or null.</summary>
    public static string? LeadParagraph(string bodyHtml)
    {
        var start = bodyHtml.IndexOf("<p>", StringComparison.Ordinal);
        if (start < 0) return null;
        var end = bodyHtml.IndexOf("</p>", start, StringComparison.Ordinal);
        if (end < 0) return null;
        var paragraphs = 0;
        for (var at = start; at >= 0 && paragraphs < MinParagraphs; at = bodyHtml.IndexOf("<p>", at + 3, StringComparison.Ordinal))
        {
            paragraphs++;
        }
        return paragraphs < MinParagraphs ? null : bodyHtml[start..(end + 4)];
    }
}
