using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Masthead.Content;

/// <summary>URL slugs: lowercase ASCII letters, digits and single hyphens; no diacritics.</summary>
public static partial class Slug
{
    public const int MaxLength = 120;
    public const string Pattern = "^[a-z0-9]+(?:-[a-z0-9]+)*$";

    [GeneratedRegex(Pattern)]
    private static partial Regex ValidRegex();

    public static bool IsValid(string? slug) =>
        !string.IsNullOrEmpty(slug) && slug.Length <= MaxLength && ValidRegex().IsMatch(slug);

    /// <summary>Makes a slug from a title: strips diacritics, lowercases, hyphenates. May return "" for
    /// text with no Latin letters or digits (an Arabic headline, say); the caller then asks for one.</summary>
    public static string From(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var pendingHyphen = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (pendingHyphen && sb.Length > 0) sb.Append('-');
                pendingHyphen = false;
                sb.Append(lower);
                if (sb.Length >= MaxLength) break;
            }
            else if (lower != '\'' && lower != '’')
            {
                pendingHyphen = true;
            }
        }
        return sb.ToString().Trim('-');
    }
}
