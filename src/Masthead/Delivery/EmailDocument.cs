using System.Net;

namespace Masthead.Delivery;

/// <summary>What every HTML email we send shares, whatever its body: the document head (lang and dir, viewport,
/// colour-scheme metas), the dark palette, the hidden preheader, and the bulletproof button. Layouts
/// (<see cref="TransactionalEmail"/>, the trend report) put their own card between <see cref="Open"/> and
/// <see cref="Close"/>. Every string is HTML-encoded here: pass plain text.</summary>
internal static class EmailDocument
{
    private static string H(string s) => WebUtility.HtmlEncode(s);

    // Light palette inline (what every client shows); the dark palette only where clients honour the media
    // query (Apple Mail, iOS, Outlook.com). Both pass WCAG AA for body text and the button label. .tm-rule
    // recolours the borders of data tables.
    private const string Css = """
        @media (prefers-color-scheme: dark) {
          .tm-page { background: #161513 !important; }
          .tm-card { background: #23211e !important; border-color: #3a3732 !important; }
          .tm-text { color: #ece8df !important; }
          .tm-muted { color: #c4bfb3 !important; }
          .tm-link { color: #f0a8a0 !important; }
          .tm-rule { border-color: #4a463f !important; }
          .tm-button { background: #b3433a !important; }
        }
        """;

    /// <summary>From the doctype to the open body, with <paramref name="preheader"/> as the hidden inbox preview.</summary>
    public static string Open(string language, string subject, string preheader) => $"""
        <!DOCTYPE html>
        <html lang="{H(language)}" dir="{Content.TextDirection.For(language)}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <meta name="supported-color-schemes" content="light dark">
        <title>{H(subject)}</title>
        <style>{Css}</style>
        </head>
        <body class="tm-page" style="margin:0;padding:0;background:#f4f1ea;">
        <div style="display:none;max-height:0;overflow:hidden;opacity:0;">{H(preheader)}</div>
        """;

    public const string Close = """
        </body>
        </html>
        """;

    /// <summary>A table-cell button that survives clients without CSS; <paramref name="margin"/> spaces it.</summary>
    public static string Button(string text, string url, string margin) => $"""
        <table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:{margin};">
          <tr><td class="tm-button" bgcolor="#7a1f1f" style="background:#7a1f1f;border-radius:4px;">
            <a href="{H(url)}" style="display:inline-block;padding:13px 24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;font-weight:bold;line-height:1.2;color:#ffffff;text-decoration:none;border-radius:4px;">{H(text)}</a>
          </td></tr>
        </table>
        """;
}
