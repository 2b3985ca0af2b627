using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Masthead.Content.Admin;

/// <summary>Markdown images served by another site. The reader pages allow images only from the site itself
/// (Content-Security-Policy img-src 'self' data:), so a browser shows such an image as broken without saying
/// why; the editor names them and offers to import each one into the media library.</summary>
public sealed class ExternalImages(MarkdownRenderer renderer)
{
    /// <summary>The distinct addresses of images on other sites, in the order they first appear.</summary>
    /// <param name="siteBaseUrl">Site:BaseUrl: an absolute address on the site's own origin is not external.</param>
    public IReadOnlyList<string> Find(string? markdown, string? siteBaseUrl) =>
        Images(markdown ?? "").Select(i => i.Url).Where(u => IsExternal(u, siteBaseUrl)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The Markdown with every image whose address is <paramref name="from"/> pointing at <paramref name="to"/>
    /// instead; the rest of the text is left exactly as it was.</summary>
    public string Replace(string markdown, string from, string to)
    {
        var spans = Images(markdown).Where(i => i.Url == from && !i.Span.IsEmpty).Select(i => i.Span).Distinct()
            .OrderByDescending(s => s.Start).ToList();
        var text = markdown;
        foreach (var span in spans)
        {
            text = string.Concat(text.AsSpan(0, span.Start), to, text.AsSpan(span.End + 1));
        }
        return text;
    }

    public static bool IsExternal(string url, string? siteBaseUrl)
    {
        if (url.StartsWith("//", StringComparison.Ordinal)) return true;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return false;
        return !(Uri.TryCreate(siteBaseUrl, UriKind.Absolute, out var site)
            && Uri.Compare(uri, site, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0);
    }

    /// <summary>Each image's address and where it is written: in the image itself, or in the reference definition
    /// a reference-style image (<c>![alt][ref]</c>) uses.</summary>
    private IEnumerable<(string Url, SourceSpan Span)> Images(string markdown)
    {
        var document = renderer.Parse(markdown);
        foreach (var image in document.Descendants<LinkInline>().Where(l => l.IsImage))
        {
            var (url, span) = image.Reference is { } definition ? (definition.Url, definition.UrlSpan) : (image.Url, image.UrlSpan);
            // A span that does not cover the address as written (an address inside <…>, or a position Markdig did
            // not record) is not rewritten: the editor sees the warning stay and can edit the text by hand.
            if (url is { Length: > 0 } && !span.IsEmpty && span.End < markdown.Length
                && markdown.AsSpan(span.Start, span.Length).SequenceEqual(url))
            {
                yield return (url, span);
            }
            else if (url is { Length: > 0 })
            {
                yield return (url, SourceSpan.Empty);
            }
        }
    }
}
