namespace Masthead.Briefings.Editions;

/// <summary>Signed personal links for one subscriber, built from the site's base URL. Implemented by the
/// subscriptions feature; editions only put them into messages and headers.</summary>
public interface ISubscriberLinks
{
    string PreferencesUrl(long subscriberId);
    string UnsubscribeUrl(long subscriberId, int listId);
    string UnsubscribeAllUrl(long subscriberId);
    /// <summary>A mailto: URI for the List-Unsubscribe header.</summary>
    string MailtoUnsubscribe(long subscriberId, int listId);
}
