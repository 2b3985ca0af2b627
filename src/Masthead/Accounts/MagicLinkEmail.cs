using System.Security.Cryptography;
using System.Text;
using Masthead.Delivery;
using Masthead.Site;

namespace Masthead.Accounts;

/// <summary>The sign-in email, in the shared transactional layout.</summary>
internal static class MagicLinkEmail
{
    public static OutgoingMail Build(string email, string link, SiteOptions site, TimeSpan lifetime, bool forSignUp)
    {
        var minutes = (int)Math.Round(lifetime.TotalMinutes);
        var intro = forSignUp
            ? $"Thanks for signing up to {site.Name}. Use the button below to confirm your email address and sign in."
            : $"Use the button below to sign in to {site.Name}.";
        var ignore = forSignUp
            ? "If you did not sign up, ignore this email: no account is confirmed until the link is used."
            : "If you did not ask to sign in, you can ignore this email.";
        return TransactionalEmail.For(site).Compose(
            to: email,
            subject: $"Your sign-in link for {site.Name}",
            heading: forSignUp ? "Confirm your email address" : "Sign in",
            paragraphs: [intro, $"The link works once and expires in {minutes} minutes."],
            buttonText: $"Sign in as {email}",
            buttonUrl: link,
            footnote: ignore,
            // One message per link: a retried request for the same link cannot mail it twice. Hashed so the
            // key (stored in the outbox and in the Message-ID) never reveals the token.
            messageKey: $"signin/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(link)))[..32]}");
    }
}
