using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Masthead.Content.Reading;

namespace Masthead.Content;

/// <summary>One line of a memo's Sources: one of the site's own articles (by slug) or a page elsewhere.</summary>
public sealed record MemoSource(string? Text, string Target, bool IsOwn);

/// <summary>The Sources part is one source a line, optionally as a Markdown list item: <c>[text](target)</c> or a bare
/// target, where the target is an article's slug (or <c>/articles/slug</c>) or an http(s) address. Own articles are
/// linked by slug and, with no text given, named by their title.</summary>
public static partial class MemoSources
{
    public static (IReadOnlyList<MemoSource> Sources, string? Error) Parse(string? text)
    {
        var sources = new List<MemoSource>();
        var lines = (text ?? "").Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal)) line = line[2..].Trim();
            if (line.Length == 0) continue;
            string? label = null;
            var target = line;
            if (LinkRegex().Match(line) is { Success: true } link)
            {
                label = link.Groups["text"].Value.Trim();
                target = link.Groups["target"].Value.Trim();
            }
            if (target.StartsWith("/articles/", StringComparison.Ordinal)) target = target["/articles/".Length..];
            if (Slug.IsValid(target)) sources.Add(new MemoSource(label, target, IsOwn: true));
            else if (Uri.TryCreate(target, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                     && string.IsNullOrEmpty(uri.UserInfo))
                sources.Add(new MemoSource(label, uri.AbsoluteUri, IsOwn: false));
            else
                return ([], $"Sources, line {i + 1}: “{target}” is neither the slug of one of our articles nor an http(s) address.");
        }
        return (sources, null);
    }

    public static IReadOnlyList<string> OwnSlugs(string? text) => [.. Parse(text).Sources.Where(s => s.IsOwn).Select(s => s.Target).Distinct()];

    [GeneratedRegex(@"^\[(?<text>[^\]]*)\]\((?<target>[^)\s]+)\)$")]
    private static partial Regex LinkRegex();
}

/// <summary>A memo's parts as the article page shows them: each part present as a headed section, in
/// <see cref="MemoParts.InOrder"/>, Markdown through the sanitizing renderer, Sources as a list of links (outside ones
/// with rel="noopener noreferrer"). Used at save time, by the preview and by the demo seeder, so all three match.</summary>
public sealed class MemoRenderer(MarkdownRenderer markdown)
{
    /// <param name="titles">Titles of the site's own articles by slug; a source without one is named by its slug.</param>
    public string ToHtml(IMemoParts parts, IReadOnlyDictionary<string, string> titles)
    {
        if (parts.IsEmpty()) return "";
        var html = new StringBuilder("<div class=\"memo\">");
        foreach (var part in MemoParts.InOrder)
        {
            var text = parts.Text(part);
            if (string.IsNullOrWhiteSpace(text)) continue;
            var key = MemoParts.Key(part);
            html.Append($"<section class=\"memo-part memo-{key}\" aria-labelledby=\"memo-{key}\"><h2 id=\"memo-{key}\">")
                .Append(WebUtility.HtmlEncode(MemoParts.Heading(part))).Append("</h2>");
            html.Append(part == MemoPart.Sources ? SourcesHtml(text, titles) : markdown.ToHtml(text));
            html.Append("</section>");
        }
        return html.Append("</div>").ToString();
    }

    private static string SourcesHtml(string text, IReadOnlyDictionary<string, string> titles)
    {
        var html = new StringBuilder("<ul class=\"memo-sources\">");
        // A line that does not parse is refused on save; the preview shows the lines that do.
        foreach (var source in MemoSources.Parse(text).Sources)
        {
            if (source.IsOwn)
            {
                var name = string.IsNullOrWhiteSpace(source.Text) ? titles.GetValueOrDefault(source.Target, source.Target) : source.Text;
                html.Append($"<li><a href=\"{ReaderPaths.Article(source.Target)}\">{WebUtility.HtmlEncode(name)}</a></li>");
            }
            else
            {
                var name = string.IsNullOrWhiteSpace(source.Text) ? source.Target : source.Text;
                html.Append($"<li><a href=\"{WebUtility.HtmlEncode(source.Target)}\" rel=\"noopener noreferrer\">{WebUtility.HtmlEncode(name)}</a></li>");
            }
        }
        return html.Append("</ul>").ToString();
    }
}
