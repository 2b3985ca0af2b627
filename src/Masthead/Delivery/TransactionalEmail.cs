using System.Net;
using System.Text;
using Masthead.Content;
using Masthead.Site;

namespace Masthead.Delivery;

/// <summary>The one layout for transactional email (sign-in links, briefing confirmations, receipts and
/// payment notices): a heading, a few paragraphs, an optional bullet list, ONE button, the same link
/// written out for clients that hide buttons, a footnote, and the site's footer. It returns an
/// <see cref="OutgoingMail"/>; hand that to <see cref="Mailer.SendAsync"/>.
/// <code>
/// var mail = TransactionalEmail.For(site.Value).Compose(
///     to: "reader@example.test", subject: "Your receipt", heading: "Thank you",
///     paragraphs: ["Your PRO membership is active until 1 December 2027."],
///     buttonText: "See your account", buttonUrl: site.Value.Absolute("/account"),
///     footnote: "Questions? Reply to this email.", messageKey: $"billing/receipt/{invoiceId}");
/// await mailer.SendAsync(mail, ct);
/// </code>
/// The HTML works without images and in dark mode (colour-scheme meta, a dark palette in a media query,
/// colours that stay legible if a client inverts them), uses role="presentation" layout tables, real text,
/// lang and dir, and inline styles only (mail clients drop stylesheets). Every string is HTML-encoded here:
/// pass plain text, never markup. See Delivery/README.md.</summary>
public sealed record TransactionalEmail(string SiteName, string SiteUrl, string? PostalLine = null, string Language = "en")
{
    /// <summary>The site's name and address; English, because the copy of our transactional emails is.</summary>
    public static TransactionalEmail For(SiteOptions site) => new(site.Name, site.BaseUrl);

    /// <param name="items">Shown as a bullet list after the paragraphs (e.g. the briefings being confirmed).</param>
    /// <param name="messageKey">See <see cref="OutgoingMail.MessageKey"/>: the same key is sent once.</param>
    public OutgoingMail Compose(string to, string subject, string heading, IReadOnlyList<string> paragraphs,
        string buttonText, string buttonUrl, string? footnote = null, IReadOnlyList<string>? items = null,
        string? toName = null, string? messageKey = null)
    {
        var list = items ?? [];
        return new OutgoingMail(to, toName, subject,
            Html(subject, heading, paragraphs, list, buttonText, buttonUrl, footnote),
            Text(heading, paragraphs, list, buttonText, buttonUrl, footnote), messageKey);
    }

    private string Host => Uri.TryCreate(SiteUrl, UriKind.Absolute, out var uri) ? uri.Host : SiteUrl;

    private string FooterLine => PostalLine ?? $"{SiteName} · {Host}";

    private string Text(string heading, IReadOnlyList<string> paragraphs, IReadOnlyList<string> items,
        string buttonText, string buttonUrl, string? footnote)
    {
        var sb = new StringBuilder();
        sb.Append(heading).Append('\n').Append('\n');
        foreach (var p in paragraphs) sb.Append(p).Append("\n\n");
        if (items.Count > 0)
        {
            foreach (var item in items) sb.Append("  - ").Append(item).Append('\n');
            sb.Append('\n');
        }
        sb.Append(buttonText).Append(": ").Append(buttonUrl).Append("\n\n");
        if (!string.IsNullOrWhiteSpace(footnote)) sb.Append(footnote).Append("\n\n");
        sb.Append("-- \n").Append(SiteName).Append('\n').Append(SiteUrl).Append('\n');
        if (PostalLine is not null) sb.Append(PostalLine).Append('\n');
        return sb.ToString();
    }

    private string Html(string subject, string heading, IReadOnlyList<string> paragraphs, IReadOnlyList<string> items,
        string buttonText, string buttonUrl, string? footnote)
    {
        static string H(string s) => WebUtility.HtmlEncode(s);
        var dir = TextDirection.For(Language);
        var body = string.Concat(paragraphs.Select(p =>
            $"""<p class="tm-text" style="margin:0 0 16px;font-size:16px;line-height:1.5;color:#1d1d1b;">{H(p)}</p>"""));
        var list = items.Count == 0 ? "" :
            $"""<ul class="tm-text" style="margin:0 0 20px;padding-{(dir == "rtl" ? "right" : "left")}:22px;font-size:16px;line-height:1.5;color:#1d1d1b;">{string.Concat(items.Select(i => $"<li style=\"margin:0 0 6px;\">{H(i)}</li>"))}</ul>""";
        var note = string.IsNullOrWhiteSpace(footnote) ? "" :
            $"""<p class="tm-muted" style="margin:0;font-size:14px;line-height:1.5;color:#4a4a46;">{H(footnote)}</p>""";
        var preheader = paragraphs.Count > 0 ? paragraphs[0] : heading;
        return $"""
            {EmailDocument.Open(Language, subject, preheader)}
            <table role="presentation" class="tm-page" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f1ea;">
              <tr><td align="center" style="padding:32px 16px;">
                <table role="presentation" class="tm-card" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background:#ffffff;border:1px solid #ddd6c8;border-radius:6px;">
                  <tr><td style="padding:28px 32px;font-family:Georgia,'Times New Roman',serif;">
                    <p class="tm-muted" style="margin:0 0 16px;font-size:14px;letter-spacing:0.04em;text-transform:uppercase;color:#4a4a46;">{H(SiteName)}</p>
                    <h1 class="tm-text" style="margin:0 0 20px;font-size:24px;line-height:1.3;font-weight:bold;color:#1d1d1b;">{H(heading)}</h1>
                    {body}
                    {list}
                    {EmailDocument.Button(buttonText, buttonUrl, "8px 0 24px")}
                    <p class="tm-muted" style="margin:0 0 8px;font-size:14px;line-height:1.5;color:#4a4a46;">If the button does not work, paste this address into your browser:</p>
                    <p style="margin:0 0 24px;font-size:13px;line-height:1.4;word-break:break-all;"><a class="tm-link" href="{H(buttonUrl)}" style="color:#7a1f1f;">{H(buttonUrl)}</a></p>
                    {note}
                  </td></tr>
                </table>
                <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;">
                  <tr><td class="tm-muted" style="padding:16px 32px;font-family:Arial,Helvetica,sans-serif;font-size:12px;line-height:1.5;color:#4a4a46;">
                    <a class="tm-link" href="{H(SiteUrl)}" style="color:#7a1f1f;">{H(SiteName)}</a><br>
                    {H(FooterLine)}
                  </td></tr>
                </table>
              </td></tr>
            </table>
            {EmailDocument.Close}
            """;
    }
}
