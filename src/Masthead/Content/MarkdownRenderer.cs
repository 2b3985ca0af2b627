using Ganss.Xss;
using Markdig;

namespace Masthead.Content;

/// <summary>Markdown to safe HTML: Markdig renders, HtmlSanitizer removes scripts, event handlers and
/// dangerous URL schemes. Raw HTML in the Markdown is allowed through only as far as the sanitizer lets it.</summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .Build();

    // Built on first use: its CSS parser tables cost about 180 ms of CPU, which a start (and the home page, whose
    // teasers are stored HTML) need not pay.
    private readonly Lazy<HtmlSanitizer> _sanitizer = new(CreateSanitizer);

    public string ToHtml(string markdown)
    {
        var html = Markdown.ToHtml(markdown ?? "", _pipeline);
        return _sanitizer.Value.Sanitize(html);
    }

    /// <summary>The syntax tree the HTML comes from, with source positions (for finding and rewriting image URLs).</summary>
    public Markdig.Syntax.MarkdownDocument Parse(string markdown) => Markdown.Parse(markdown ?? "", _pipeline);

    /// <summary>Plain text for descriptions, feeds and snippets.</summary>
    public string ToPlainText(string markdown) => Markdown.ToPlainText(markdown ?? "", _pipeline).Trim();

    private static HtmlSanitizer CreateSanitizer()
    {
        var s = new HtmlSanitizer();
        s.AllowedSchemes.Clear();
        s.AllowedSchemes.Add("http");
        s.AllowedSchemes.Add("https");
        s.AllowedSchemes.Add("mailto");
        s.AllowedTags.Add("figure");
        s.AllowedTags.Add("figcaption");
        s.AllowedAttributes.Add("id");
        s.AllowedAttributes.Remove("style");
        s.AllowedCssProperties.Clear();
        // Links leave the site without leaking the reader's session context.
        s.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } a && a.GetAttribute("href") is { } href
                && (href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            {
                a.SetAttribute("rel", "noopener noreferrer");
            }
        };
        return s;
    }
}
