using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Masthead.Content.Charts.Email;

/// <summary>An article body (Markdig output, already sanitized at save time) made fit for mail: each element gets the
/// inline style mail clients need (they drop stylesheets) and the trend email's dark-mode class, site classes and ids
/// go, and relative links and images become absolute. The same DOM also gives the text part.</summary>
public sealed class EmailBody(Func<string, string> absolute)
{
    private static readonly HtmlParser Parser = new();

    private const string Text = "color:#1d1d1b;";
    private const string Link = "color:#7a1f1f;";

    private static (string Class, string Style)? StyleOf(string tag) => tag switch
    {
        "h1" or "h2" => ("tm-text", "margin:28px 0 12px;font-size:20px;line-height:1.3;font-weight:bold;" + Text),
        "h3" or "h4" or "h5" or "h6" => ("tm-text", "margin:24px 0 10px;font-size:17px;line-height:1.3;font-weight:bold;" + Text),
        "p" => ("tm-text", "margin:0 0 16px;font-size:16px;line-height:1.55;" + Text),
        "ul" or "ol" => ("tm-text", "margin:0 0 16px;padding-left:22px;font-size:16px;line-height:1.55;" + Text),
        "li" => ("tm-text", "margin:0 0 6px;"),
        "blockquote" => ("tm-text tm-rule", "margin:0 0 16px;padding:0 0 0 14px;border-left:3px solid #ddd6c8;font-style:italic;" + Text),
        "a" => ("tm-link", Link),
        "img" => ("", "display:block;max-width:100%;height:auto;border:0;"),
        "pre" => ("tm-text", "margin:0 0 16px;white-space:pre-wrap;font-family:Menlo,Consolas,monospace;font-size:13px;" + Text),
        "code" => ("", "font-family:Menlo,Consolas,monospace;font-size:0.9em;"),
        "table" => ("tm-text", "width:100%;border-collapse:collapse;margin:0 0 16px;font-family:Arial,Helvetica,sans-serif;font-size:14px;" + Text),
        "th" or "td" => ("tm-rule", "padding:5px 6px;border-bottom:1px solid #ddd6c8;text-align:left;"),
        "hr" => ("tm-rule", "border:0;border-top:1px solid #ddd6c8;margin:24px 0;"),
        "figcaption" => ("tm-muted", "font-size:14px;color:#4a4a46;"),
        _ => null,
    };

    public string Html(string bodyHtml)
    {
        var document = Parser.ParseDocument("<body>" + bodyHtml + "</body>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            element.RemoveAttribute("id");
            element.RemoveAttribute("class");
            if (StyleOf(element.LocalName) is { } style)
            {
                if (style.Class.Length > 0) element.SetAttribute("class", style.Class);
                element.SetAttribute("style", style.Style);
            }
            if (element.LocalName == "a" && element.GetAttribute("href") is { } href && href.StartsWith('/')) element.SetAttribute("href", absolute(href));
            if (element.LocalName == "img" && element.GetAttribute("src") is { } src && src.StartsWith('/')) element.SetAttribute("src", absolute(src));
        }
        return document.Body.InnerHtml;
    }

    /// <summary>Paragraphs and headings as blocks separated by a blank line, list items as "  - ", links as "text &lt;url&gt;".</summary>
    public string PlainText(string bodyHtml)
    {
        var document = Parser.ParseDocument("<body>" + bodyHtml + "</body>");
        var sb = new StringBuilder();
        foreach (var node in document.Body!.ChildNodes) Block(node, sb, "");
        return sb.ToString().TrimEnd('\n') + (sb.Length > 0 ? "\n" : "");
    }

    private void Block(INode node, StringBuilder sb, string indent)
    {
        if (node is not IElement e)
        {
            var loose = Collapse(node.TextContent);
            if (loose.Length > 0) sb.Append(indent).Append(loose).Append("\n\n");
            return;
        }
        switch (e.LocalName)
        {
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                var heading = Inline(e);
                sb.Append(heading).Append('\n').Append(new string(e.LocalName is "h1" or "h2" ? '=' : '-', Math.Min(heading.Length, 72))).Append("\n\n");
                break;
            case "ul" or "ol":
                var n = 0;
                foreach (var li in e.Children.Where(c => c.LocalName == "li"))
                {
                    n++;
                    sb.Append(indent).Append(e.LocalName == "ol" ? $"  {n}. " : "  - ").Append(Inline(li)).Append('\n');
                }
                sb.Append('\n');
                break;
            case "blockquote":
                foreach (var child in e.ChildNodes) Block(child, sb, indent + "> ");
                break;
            case "pre":
                sb.Append(e.TextContent.TrimEnd()).Append("\n\n");
                break;
            case "hr":
                sb.Append("* * *\n\n");
                break;
            case "div" or "section" or "figure":
                foreach (var child in e.ChildNodes) Block(child, sb, indent);
                break;
            default:
                var text = Inline(e);
                if (text.Length > 0) sb.Append(indent).Append(text).Append("\n\n");
                break;
        }
    }

    private string Inline(IElement e) => Collapse(InlineRaw(e));

    private string InlineRaw(IElement e)
    {
        var sb = new StringBuilder();
        foreach (var node in e.ChildNodes)
        {
            if (node is IElement { LocalName: "a" } a && a.GetAttribute("href") is { } href)
            {
                var url = href.StartsWith('/') ? absolute(href) : href;
                var label = Collapse(a.TextContent);
                sb.Append(label == url || label.Length == 0 ? url : $"{label} <{url}>");
            }
            else if (node is IElement { LocalName: "img" } img) sb.Append(img.GetAttribute("alt") is { Length: > 0 } alt ? $"[{alt}]" : "");
            else if (node is IElement { LocalName: "br" }) sb.Append(Break);
            else if (node is IElement child) sb.Append(InlineRaw(child));
            else sb.Append(node.TextContent);
        }
        return sb.ToString();
    }

    /// <summary>A line break a <c>br</c> asked for; every other run of white space reads as one space.</summary>
    private const char Break = '\u2028';

    private static string Collapse(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (c == Break) { sb.Append('\n'); space = false; continue; }
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0 && sb[^1] != '\n'; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString().Trim();
    }
}
