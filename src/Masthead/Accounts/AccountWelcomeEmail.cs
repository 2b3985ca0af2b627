using Masthead.Delivery;
using Masthead.Site;

namespace Masthead.Accounts;

/// <summary>Sent once, when a new account's address is first confirmed (the sign-up link was used, or a first
/// sign-in link created the account): what the account is for and where to go next.</summary>
internal static class AccountWelcomeEmail
{
    public static OutgoingMail Build(User user, SiteOptions site) =>
        TransactionalEmail.For(site).Compose(
            to: user.Email!,
            toName: user.DisplayName,
            subject: $"Welcome to {site.Name}",
            heading: user.DisplayName is { Length: > 0 } name ? $"Welcome, {name}" : $"Welcome to {site.Name}",
            paragraphs:
            [
                $"Your {site.Name} account is ready, for {user.Email}.",
                "With it you can read the pieces we keep for registered readers, choose free email briefings, and start PRO when you want our memos and trend reports: the first week is free.",
                "To sign in again, ask for a link on the sign-in page: it comes to this address. If you prefer a password, set one on your account page.",
            ],
            buttonText: "Choose your briefings",
            buttonUrl: site.Absolute("/account/briefings"),
            footnote: $"You receive this because an account was created at {site.Absolute("/")} for this address and confirmed from it.",
            messageKey: $"accounts/welcome/{user.Id}");
}
