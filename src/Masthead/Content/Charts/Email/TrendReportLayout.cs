using System.Net;
using System.Text;

namespace Masthead.Content.Charts.Email;

/// <summary>The shell of the trend report email, in the house style of <see cref="Delivery.TransactionalEmail"/> (same
/// palette, dark-mode classes, role="presentation" layout tables, inline styles, lang and dir, a hidden preheader) but
/// 600 px wide for charts and tables, with the report's content between the heading and the button.</summary>
/// <param name="AccountUrl">Where the member manages their PRO membership (the footer says why they get this).</param>
public sealed record TrendReportLayout(string SiteName, string SiteUrl, string AccountUrl, string Language)
{
    private static string H(string s) => WebUtility.HtmlEncode(s);

    // Light palette inline; the dark one where clients honour the media query. .tm-rule recolours borders.
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

    private string Footer => $"You receive trend reports because you are a PRO member of {SiteName}.";

    public string Html(string subject, string title, string dek, string content, string pageUrl)
    {
        var dir = TextDirection.For(Language);
        var dekHtml = dek.Length == 0 ? "" :
            $"""<p class="tm-muted" style="margin:0 0 24px;font-size:18px;line-height:1.5;color:#4a4a46;">{H(dek)}</p>""";
        return $"""
            <!DOCTYPE html>
            <html lang="{H(Language)}" dir="{dir}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <meta name="supported-color-schemes" content="light dark">
            <title>{H(subject)}</title>
            <style>{Css}</style>
            </head>
            <body class="tm-page" style="margin:0;padding:0;background:#f4f1ea;">
            <div style="display:none;max-height:0;overflow:hidden;opacity:0;">{H(dek.Length > 0 ? dek : title)}</div>
            <table role="presentation" class="tm-page" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f1ea;">
              <tr><td align="center" style="padding:24px 8px;">
                <table role="presentation" class="tm-card" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background:#ffffff;border:1px solid #ddd6c8;border-radius:6px;">
                  <tr><td style="padding:24px 24px 28px;font-family:Georgia,'Times New Roman',serif;">
                    <p class="tm-muted" style="margin:0 0 16px;font-size:13px;letter-spacing:0.04em;text-transform:uppercase;color:#4a4a46;">{H(SiteName)} · Trend report · PRO</p>
                    <h1 class="tm-text" style="margin:0 0 12px;font-size:26px;line-height:1.25;font-weight:bold;color:#1d1d1b;">{H(title)}</h1>
                    {dekHtml}
                    {content}
                    <table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:28px 0 20px;">
                      <tr><td class="tm-button" bgcolor="#7a1f1f" style="background:#7a1f1f;border-radius:4px;">
                        <a href="{H(pageUrl)}" style="display:inline-block;padding:13px 24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;font-weight:bold;line-height:1.2;color:#ffffff;text-decoration:none;border-radius:4px;">Read the trend report on the site</a>
                      </td></tr>
                    </table>
                    <p style="margin:0;font-size:13px;line-height:1.4;word-break:break-all;"><a class="tm-link" href="{H(pageUrl)}" style="color:#7a1f1f;">{H(pageUrl)}</a></p>
                  </td></tr>
                </table>
                <table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;">
                  <tr><td class="tm-muted" style="padding:16px 24px;font-family:Arial,Helvetica,sans-serif;font-size:12px;line-height:1.5;color:#4a4a46;">
                    {H(Footer)} <a class="tm-link" href="{H(AccountUrl)}" style="color:#7a1f1f;">Your account</a><br>
                    <a class="tm-link" href="{H(SiteUrl)}" style="color:#7a1f1f;">{H(SiteName)}</a>
                  </td></tr>
                </table>
              </td></tr>
            </table>
            </body>
            </html>
            """;
    }

    public string Text(string title, string dek, string content, string pageUrl)
    {
        var sb = new StringBuilder();
        sb.Append("TREND REPORT (PRO)\n\n").Append(title).Append('\n').Append(new string('=', Math.Min(title.Length, 72))).Append("\n\n");
        if (dek.Length > 0) sb.Append(dek).Append("\n\n");
        sb.Append(content.TrimEnd('\n')).Append("\n\n");
        sb.Append("Read the trend report on the site: ").Append(pageUrl).Append("\n\n");
        sb.Append("-- \n").Append(Footer).Append('\n').Append("Your account: ").Append(AccountUrl).Append('\n')
            .Append(SiteName).Append('\n').Append(SiteUrl).Append('\n');
        return sb.ToString();
    }
}
