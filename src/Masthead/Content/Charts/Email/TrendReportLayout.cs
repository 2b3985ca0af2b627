using System.Net;
using System.Text;

namespace Masthead.Content.Charts.Email;

/// <summary>The shell of the trend report email: <see cref="Delivery.EmailDocument"/>'s head, palette, preheader and
/// button, as <see cref="Delivery.TransactionalEmail"/> has them, around a card 600 px wide for charts and tables,
/// with the report's content between the heading and the button.</summary>
/// <param name="AccountUrl">Where the member manages their PRO membership (the footer says why they get this).</param>
public sealed record TrendReportLayout(string SiteName, string SiteUrl, string AccountUrl, string Language)
{
    private static string H(string s) => WebUtility.HtmlEncode(s);

    private string Footer => $"You receive trend reports because you are a PRO member of {SiteName}.";

    public string Html(string subject, string title, string dek, string content, string pageUrl)
    {
        var dekHtml = dek.Length == 0 ? "" :
            $"""<p class="tm-muted" style="margin:0 0 24px;font-size:18px;line-height:1.5;color:#4a4a46;">{H(dek)}</p>""";
        return $"""
            {Delivery.EmailDocument.Open(Language, subject, dek.Length > 0 ? dek : title)}
            <table role="presentation" class="tm-page" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f1ea;">
              <tr><td align="center" style="padding:24px 8px;">
                <table role="presentation" class="tm-card" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background:#ffffff;border:1px solid #ddd6c8;border-radius:6px;">
                  <tr><td style="padding:24px 24px 28px;font-family:Georgia,'Times New Roman',serif;">
                    <p class="tm-muted" style="margin:0 0 16px;font-size:13px;letter-spacing:0.04em;text-transform:uppercase;color:#4a4a46;">{H(SiteName)} · Trend report · PRO</p>
                    <h1 class="tm-text" style="margin:0 0 12px;font-size:26px;line-height:1.25;font-weight:bold;color:#1d1d1b;">{H(title)}</h1>
                    {dekHtml}
                    {content}
                    {Delivery.EmailDocument.Button("Read the trend report on the site", pageUrl, "28px 0 20px")}
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
            {Delivery.EmailDocument.Close}
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
