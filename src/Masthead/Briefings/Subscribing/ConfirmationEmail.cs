using System.Net;
using Masthead.Delivery;

namespace Masthead.Briefings.Subscribing;

/// <summary>The double opt-in email: which briefings were asked for, one button, and what happens if the
/// reader ignores it (nothing: the address is forgotten).</summary>
internal static class ConfirmationEmail
{
    public static OutgoingMail Build(string email, string link, string siteName, IReadOnlyList<string> listNames, TimeSpan lifetime)
    {
        var days = Math.Max(1, (int)Math.Round(lifetime.TotalDays));
        var subject = $"Confirm your {siteName} briefings";
        var lists = listNames.Count == 0 ? "our briefings" : string.Join(", ", listNames);
        var text = $"""
            Someone, we hope you, asked for these {siteName} briefings to be sent to {email}:

            {string.Join("\n", listNames.Select(n => "  - " + n))}

            Confirm your subscription: {link}

            Until you confirm, we send you nothing else. If you did not ask, ignore this email:
            the address is deleted after {days} days.

            — {siteName}
            """;
        var h = (string s) => WebUtility.HtmlEncode(s);
        var items = string.Concat(listNames.Select(n => $"<li style=\"margin:0 0 6px;\">{h(n)}</li>"));
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{h(subject)}</title></head>
            <body style="margin:0;padding:0;background:#f4f1ea;">
              <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f1ea;">
                <tr><td align="center" style="padding:32px 16px;">
                  <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:520px;background:#ffffff;border:1px solid #ddd6c8;border-radius:6px;">
                    <tr><td style="padding:28px 32px;font-family:Georgia,'Times New Roman',serif;color:#1d1d1b;">
                      <p style="margin:0 0 20px;font-size:20px;font-weight:bold;">{h(siteName)}</p>
                      <p style="margin:0 0 12px;font-size:16px;line-height:1.5;">Someone, we hope you, asked for these briefings to be sent to {h(email)}:</p>
                      <ul style="margin:0 0 24px;padding-left:20px;font-size:16px;line-height:1.5;">{items}</ul>
                      <p style="margin:0 0 24px;">
                        <a href="{h(link)}" style="display:inline-block;padding:12px 22px;background:#7a1f1f;color:#ffffff;text-decoration:none;border-radius:4px;font-family:Arial,Helvetica,sans-serif;font-size:16px;font-weight:bold;">Confirm my subscription</a>
                      </p>
                      <p style="margin:0 0 12px;font-size:14px;line-height:1.5;color:#4a4a46;">If the button does not work, paste this address into your browser:</p>
                      <p style="margin:0 0 24px;font-size:13px;line-height:1.4;word-break:break-all;"><a href="{h(link)}" style="color:#7a1f1f;">{h(link)}</a></p>
                      <p style="margin:0;font-size:13px;line-height:1.5;color:#4a4a46;">Until you confirm, we send you nothing else. If you did not ask for {h(lists)}, ignore this email: the address is deleted after {days} days.</p>
                    </td></tr>
                  </table>
                </td></tr>
              </table>
            </body>
            </html>
            """;
        return new OutgoingMail(email, null, subject, html, text);
    }
}
