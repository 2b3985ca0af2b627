using System.Net;
using Masthead.Delivery;

namespace Masthead.Accounts;

/// <summary>The sign-in email. Standalone HTML (inline styles are fine in mail) plus a text part
/// that reads well on its own.</summary>
internal static class MagicLinkEmail
{
    public static OutgoingMail Build(string email, string link, string siteName, TimeSpan lifetime, bool forSignUp)
    {
        var minutes = (int)Math.Round(lifetime.TotalMinutes);
        var subject = $"Your sign-in link for {siteName}";
        var intro = forSignUp
            ? $"Thanks for signing up to {siteName}. Use the button below to confirm your email address and sign in."
            : $"Use the button below to sign in to {siteName}.";
        var ignore = forSignUp
            ? "If you did not sign up, ignore this email: no account is confirmed until the link is used."
            : "If you did not ask to sign in, you can ignore this email.";

        var text = $"""
            {intro}

            Sign in: {link}

            The link works once and expires in {minutes} minutes.
            {ignore}

            — {siteName}
            """;

        var h = (string s) => WebUtility.HtmlEncode(s);
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
                      <p style="margin:0 0 24px;font-size:16px;line-height:1.5;">{h(intro)}</p>
                      <p style="margin:0 0 24px;">
                        <a href="{h(link)}" style="display:inline-block;padding:12px 22px;background:#7a1f1f;color:#ffffff;text-decoration:none;border-radius:4px;font-family:Arial,Helvetica,sans-serif;font-size:16px;font-weight:bold;">Sign in as {h(email)}</a>
                      </p>
                      <p style="margin:0 0 12px;font-size:14px;line-height:1.5;color:#4a4a46;">The link works once and expires in {minutes} minutes. If the button does not work, paste this address into your browser:</p>
                      <p style="margin:0 0 24px;font-size:13px;line-height:1.4;word-break:break-all;"><a href="{h(link)}" style="color:#7a1f1f;">{h(link)}</a></p>
                      <p style="margin:0;font-size:13px;line-height:1.5;color:#4a4a46;">{h(ignore)}</p>
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
