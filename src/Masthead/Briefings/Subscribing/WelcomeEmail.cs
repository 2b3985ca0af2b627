using Masthead.Delivery;
using Masthead.Site;

namespace Masthead.Briefings.Subscribing;

/// <summary>Sent once per briefing when a subscription to it starts (the confirmation link, the account's
/// shortcut, the preference centre): what the briefing is, when it arrives, where past editions are, and how to
/// leave. The message key makes it once per subscriber and briefing, however often they come and go.</summary>
internal static class WelcomeEmail
{
    public sealed record Briefing(int Id, string Slug, string Name, string Description, string Cadence);

    public static OutgoingMail Build(string email, long subscriberId, Briefing briefing, SiteOptions site,
        string preferencesUrl, string unsubscribeUrl)
    {
        var what = string.IsNullOrWhiteSpace(briefing.Description) ? $"{briefing.Name} comes from the {site.Name} newsroom." : briefing.Description.Trim();
        var when = string.IsNullOrWhiteSpace(briefing.Cadence) ? "" : $" When it arrives: {briefing.Cadence.Trim()}.";
        return TransactionalEmail.For(site).Compose(
            to: email,
            subject: $"Welcome to {briefing.Name}",
            heading: $"You are subscribed to {briefing.Name}",
            paragraphs:
            [
                what + when,
                $"Past editions are on our site: {site.Absolute("/briefings/" + briefing.Slug)}",
                $"To leave, use the unsubscribe link at the foot of any edition: one click, and nothing else changes. You can also leave now: {unsubscribeUrl}",
            ],
            buttonText: "Choose your briefings",
            buttonUrl: preferencesUrl,
            footnote: $"You receive this because {email} confirmed a subscription to {briefing.Name}.",
            messageKey: $"briefings/welcome/{subscriberId}/{briefing.Id}");
    }
}
