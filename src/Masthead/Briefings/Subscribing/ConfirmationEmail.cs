using Masthead.Delivery;
using Masthead.Site;

namespace Masthead.Briefings.Subscribing;

/// <summary>The double opt-in email, in the shared transactional layout: which briefings were asked for, one
/// button, and what happens if the reader ignores it (nothing: the address is forgotten).</summary>
internal static class ConfirmationEmail
{
    public static OutgoingMail Build(string email, string link, SiteOptions site, IReadOnlyList<string> listNames, TimeSpan lifetime)
    {
        var days = Math.Max(1, (int)Math.Round(lifetime.TotalDays));
        var lists = listNames.Count == 0 ? "our briefings" : string.Join(", ", listNames);
        return TransactionalEmail.For(site).Compose(
            to: email,
            subject: $"Confirm your briefings from {site.Name}",
            heading: "Confirm your subscription",
            paragraphs: [$"Someone, we hope you, asked for these {site.Name} briefings to be sent to {email}:"],
            items: listNames,
            buttonText: "Confirm my subscription",
            buttonUrl: link,
            footnote: $"Until you confirm, we send you nothing else. If you did not ask for {lists}, ignore this email: the address is deleted after {days} days.");
    }
}
