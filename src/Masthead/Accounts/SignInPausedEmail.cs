using Masthead.Delivery;
using Masthead.Site;

namespace Masthead.Accounts;

/// <summary>Tells a member, once per backoff episode, that password sign-in for their address is paused for one
/// connection, with a sign-in link that still works (and the account page, where the password is changed).</summary>
internal static class SignInPausedEmail
{
    public static OutgoingMail Build(string email, string userId, DateTime episodeBegan, string link, SiteOptions site, TimeSpan lifetime) =>
        TransactionalEmail.For(site).Compose(
            to: email,
            subject: $"Password sign-in to {site.Name} was paused",
            heading: "Someone is trying your password",
            paragraphs:
            [
                $"There were several failed attempts to sign in to {site.Name} as {email} with a password, from one connection. " +
                "Password sign-in from that connection is paused for a while; from anywhere else, and by email link, you can sign in as usual.",
                $"If this was you, use the button below to sign in (it works once and expires in {(int)Math.Round(lifetime.TotalMinutes)} minutes), " +
                $"then choose a new password on your account page: {site.Absolute("/account")}.",
            ],
            buttonText: $"Sign in as {email}",
            buttonUrl: link,
            footnote: "If it was not you, nothing else is needed: your password was not accepted. A new password on your account page signs out every other device.",
            // One message per episode, even if two failures race to begin it.
            messageKey: $"signin-paused/{userId}/{episodeBegan:yyyyMMddHHmmssfffffff}");
}
