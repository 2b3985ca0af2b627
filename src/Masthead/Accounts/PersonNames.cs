using System.Text;

namespace Masthead.Accounts;

/// <summary>The one cleaning every stored person's name gets (account sign-up and profile, the CLI's staff
/// accounts, briefing subscribers from forms and CSV imports, authors), and every display name that goes into
/// a mail header. A bidirectional override (U+202E and friends) before "gpj.exe" makes it read as "exe.jpg"
/// wherever the name is shown; a control character has no business in a name and breaks headers and CSV.
/// Zero-width joiners stay: Persian and Indic names and emoji need them.</summary>
public static class PersonNames
{
    /// <summary>The name without bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and other
    /// control characters; line breaks, tabs and line separators become one space; trimmed. Null when nothing is left.</summary>
    public static string? Clean(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        if (IsClean(input)) return input; // the usual case, once per recipient of a bulk send: no copy
        var sb = new StringBuilder(input.Length);
        var pendingSpace = false;
        foreach (var c in input)
        {
            if (IsBidiControl(c)) continue;
            if (char.IsWhiteSpace(c)) // spaces, tabs, line breaks, U+2028/U+2029
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (char.IsControl(c)) continue;
            if (pendingSpace) sb.Append(' ');
            pendingSpace = false;
            sb.Append(c);
        }
        return sb.Length == 0 ? null : sb.ToString();
    }

    private static bool IsClean(string name)
    {
        if (name[0] == ' ' || name[^1] == ' ') return false;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == ' ' ? name[i - 1] == ' ' : char.IsWhiteSpace(c) || char.IsControl(c) || IsBidiControl(c)) return false;
        }
        return true;
    }

    public static bool IsBidiControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
