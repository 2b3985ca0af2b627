using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;

namespace Masthead.Content.Search;

/// <summary>One term of a reader's query: a word or a "quoted phrase", possibly excluded with a leading minus.</summary>
public sealed record SearchTerm(string Text, bool Negated);

/// <summary>Text handling shared by both index implementations: what goes into the index, how a reader's
/// query is reduced to plain terms (so no engine syntax ever reaches the engine), and how a snippet becomes HTML.</summary>
public static partial class SearchText
{
    /// <summary>Private-use characters mark matches in snippets; they are stripped from indexed text, so
    /// an article cannot forge a highlight, and everything between them is HTML-encoded on output.</summary>
    public const char MarkOpen = '\uE000';
    public const char MarkClose = '\uE001';

    public const int MaxQueryLength = 200;
    private const int MaxTerms = 12;

    /// <summary>Visible text of sanitized article HTML: tags become spaces, entities are decoded.</summary>
    public static string FromHtml(string html)
    {
        if (string.IsNullOrEmpty(html)) return "";
        var text = Tags().Replace(html, " ");
        return Clean(WebUtility.HtmlDecode(text));
    }

    /// <summary>Collapses whitespace and removes the highlight markers.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var noMarks = text.Replace(MarkOpen, ' ').Replace(MarkClose, ' ');
        return Spaces().Replace(noMarks, " ").Trim();
    }

    /// <summary>Splits a query into words and quoted phrases. Everything that is not a letter or digit is
    /// treated as a separator by the engines anyway; terms without any letter or digit are dropped, so
    /// `*`, `(`, `"` or `-` alone never reach the engine. Operator words (AND, OR, NOT) stay plain words.</summary>
    public static IReadOnlyList<SearchTerm> Parse(string? query)
    {
        var terms = new List<SearchTerm>();
        if (string.IsNullOrWhiteSpace(query)) return terms;
        var q = query.Length > MaxQueryLength ? query[..MaxQueryLength] : query;
        var i = 0;
        while (i < q.Length && terms.Count < MaxTerms)
        {
            if (char.IsWhiteSpace(q[i])) { i++; continue; }
            var negated = false;
            while (i < q.Length && q[i] == '-') { negated = true; i++; }
            if (i >= q.Length) break;
            string raw;
            if (q[i] == '"')
            {
                var end = q.IndexOf('"', i + 1);
                raw = end < 0 ? q[(i + 1)..] : q[(i + 1)..end];
                i = end < 0 ? q.Length : end + 1;
            }
            else
            {
                var start = i;
                while (i < q.Length && !char.IsWhiteSpace(q[i]) && q[i] != '"') i++;
                raw = q[start..i];
            }
            var text = Words(raw);
            if (text.Length > 0) terms.Add(new SearchTerm(text, negated));
        }
        // A query of exclusions alone has nothing to find.
        return terms.Any(t => !t.Negated) ? terms : [];
    }

    /// <summary>Keeps letters, digits and combining marks (Arabic vowel signs), everything else becomes a space.</summary>
    private static string Words(string raw)
    {
        var sb = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            var cat = char.GetUnicodeCategory(c);
            var keep = char.IsLetterOrDigit(c) || cat is System.Globalization.UnicodeCategory.NonSpacingMark
                or System.Globalization.UnicodeCategory.SpacingCombiningMark;
            sb.Append(keep && c != MarkOpen && c != MarkClose ? c : ' ');
        }
        return Spaces().Replace(sb.ToString(), " ").Trim();
    }

    /// <summary>A marked snippet as HTML: every character encoded, only the markers become &lt;mark&gt;, always balanced.</summary>
    public static IHtmlContent SnippetHtml(string? snippet)
    {
        if (string.IsNullOrEmpty(snippet)) return HtmlString.Empty;
        var html = new StringBuilder(snippet.Length + 32);
        var open = false;
        var start = 0;
        for (var i = 0; i <= snippet.Length; i++)
        {
            if (i < snippet.Length && snippet[i] != MarkOpen && snippet[i] != MarkClose) continue;
            html.Append(HtmlEncoder.Default.Encode(snippet[start..i]));
            start = i + 1;
            if (i == snippet.Length) break;
            if (snippet[i] == MarkOpen && !open) { html.Append("<mark>"); open = true; }
            else if (snippet[i] == MarkClose && open) { html.Append("</mark>"); open = false; }
        }
        if (open) html.Append("</mark>");
        return new HtmlString(html.ToString());
    }

    public static bool HasMark(string? snippet) => snippet?.Contains(MarkOpen) == true;

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
