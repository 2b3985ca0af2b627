using Masthead.Briefings.Subscribing;
using Masthead.Delivery.Outbox;
using Masthead.Site;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Masthead.Delivery.Inbound;

/// <summary>Acts on mail sent to the List-Unsubscribe mailto: address, <c>unsubscribe+{token}@{site host}</c>
/// (<see cref="SubscriberLinks.MailtoUnsubscribe"/> for one list, <see cref="SubscriberLinks.MailtoUnsubscribeAll"/>
/// for everything). The signed token in the address is the only authority, as for the one-click https link:
/// the sender, subject and body are never read (anyone can forge a From, and RFC 2369 clients send whatever
/// body they like). A token that does not verify changes nothing and is logged.</summary>
public sealed class MailtoUnsubscribes(SubscriberLinks links, BriefingSubscriptions subscriptions, IOptions<SiteOptions> site,
    ILogger<MailtoUnsubscribes> log)
{
    public const string LocalPartPrefix = "unsubscribe+";

    /// <summary>A message names its recipients in several headers; more than a few unsubscribe addresses in one
    /// message is not a person unsubscribing.</summary>
    private const int MaxAddressesPerMessage = 10;

    /// <summary>Where the receiving MTA records the envelope recipient (Bcc'd mail shows it nowhere else), then
    /// the visible recipients.</summary>
    private static readonly string[] RecipientHeaders = ["Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "To", "Cc"];

    /// <summary>Returns how many unsubscribes (one list or all lists) were applied.</summary>
    public async Task<int> ProcessAsync(MimeMessage message, CancellationToken ct)
    {
        var host = MessageIds.HostOf(site.Value.BaseUrl);
        var tokens = RecipientsOf(message).Select(a => TokenIn(a, host)).OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxAddressesPerMessage).ToList();
        var applied = 0;
        foreach (var token in tokens)
        {
            if (links.TryRead(token, SubscriberLinks.Unsubscribe, out var subscriberId, out var listId) && listId is { } list)
            {
                if (await subscriptions.UnsubscribeAsync(subscriberId, list, ct)) applied++;
                log.LogInformation("Mailto unsubscribe: subscriber {SubscriberId} from list {ListId}", subscriberId, list);
            }
            else if (links.TryRead(token, SubscriberLinks.UnsubscribeAll, out subscriberId, out _))
            {
                if (await subscriptions.UnsubscribeAllAsync(subscriberId, ct)) applied++;
                log.LogInformation("Mailto unsubscribe: subscriber {SubscriberId} from every list", subscriberId);
            }
            else
            {
                // Not echoed in full: the log is not a place to collect attempts at tokens.
                log.LogWarning("Ignored a mail to an unsubscribe address whose token does not verify ({Token}…)", token[..Math.Min(8, token.Length)]);
            }
        }
        return applied;
    }

    private static IEnumerable<MailboxAddress> RecipientsOf(MimeMessage message)
    {
        foreach (var header in message.Headers.Where(h => RecipientHeaders.Contains(h.Field, StringComparer.OrdinalIgnoreCase)))
        {
            if (!InternetAddressList.TryParse(header.Value, out var list)) continue;
            foreach (var mailbox in list.Mailboxes) yield return mailbox;
        }
    }

    /// <summary>The token of <c>unsubscribe+{token}@{host}</c> (any case, as servers may fold it), else null.</summary>
    private static string? TokenIn(MailboxAddress address, string host)
    {
        var at = address.Address.LastIndexOf('@');
        if (at <= 0 || !string.Equals(address.Address[(at + 1)..], host, StringComparison.OrdinalIgnoreCase)) return null;
        var local = address.Address[..at];
        if (!local.StartsWith(LocalPartPrefix, StringComparison.OrdinalIgnoreCase) || local.Length == LocalPartPrefix.Length) return null;
        return local[LocalPartPrefix.Length..];
    }
}
