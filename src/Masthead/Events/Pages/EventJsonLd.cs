using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Masthead.Content;
using Masthead.Content.Reading;
using Masthead.Site;

namespace Masthead.Events.Pages;

/// <summary>schema.org <c>Event</c> for search engines and calendars, serialised (never concatenated) so any text stays
/// inside its JSON string. It describes the event, never a reader's view of it: the video link is not in it for anyone
/// (a live Q&amp;A's <c>VirtualLocation</c> is the event page, where a registered member finds the link).
/// <c>offers</c> only for an event anyone may register for free (Public or Members access: price 0, the event page as
/// the place to register). A PRO event has none: its place is not sold, it comes with a membership, and an Offer
/// priced at the membership would tell search engines the event costs that, an Offer at 0 that it is free; neither
/// is true. <c>isAccessibleForFree</c> says the same thing plainly. The model has no image of its own, so none is given.</summary>
public static class EventJsonLd
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string For(EventDetail detail, SiteOptions site, string currency)
    {
        var ev = detail.Event;
        var url = site.Absolute(EventDisplay.Path(ev.Slug));
        var free = ev.Access != AccessLevel.Pro;
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Event",
            ["name"] = ev.Title,
            ["description"] = string.IsNullOrWhiteSpace(ev.Summary) ? null : ev.Summary,
            ["url"] = url,
            ["startDate"] = EventDisplay.IsoWithOffset(ev.TimeZoneId, ev.StartsAt),
            ["endDate"] = EventDisplay.IsoWithOffset(ev.TimeZoneId, ev.EndsAt),
            ["eventStatus"] = ev.Status == EventStatus.Canceled ? "https://schema.org/EventCancelled" : "https://schema.org/EventScheduled",
            ["eventAttendanceMode"] = ev.Kind == EventKind.InPerson
                ? "https://schema.org/OfflineEventAttendanceMode" : "https://schema.org/OnlineEventAttendanceMode",
            ["location"] = ev.Kind == EventKind.InPerson
                ? new Dictionary<string, object?>
                {
                    ["@type"] = "Place",
                    ["name"] = ev.VenueName,
                    ["address"] = new Dictionary<string, object?> { ["@type"] = "PostalAddress", ["streetAddress"] = ev.VenueAddress },
                }
                : new Dictionary<string, object?> { ["@type"] = "VirtualLocation", ["url"] = url },
            ["organizer"] = new Dictionary<string, object?> { ["@type"] = "Organization", ["name"] = site.Name, ["url"] = site.Absolute("/") },
            ["isAccessibleForFree"] = free,
        };
        if (detail.Speakers.Count > 0)
        {
            data["performer"] = detail.Speakers.Select(s => new Dictionary<string, object?>
            {
                ["@type"] = "Person",
                ["name"] = s.Name,
                ["url"] = s.AuthorSlug is { } slug ? site.Absolute(ReaderPaths.Author(slug)) : null,
            }.Where(p => p.Value is not null).ToDictionary()).ToList();
        }
        if (free)
        {
            data["offers"] = new Dictionary<string, object?>
            {
                ["@type"] = "Offer",
                ["price"] = 0,
                ["priceCurrency"] = currency,
                ["url"] = url,
                ["availability"] = ev.Admission == EventAdmission.Open && ev.PlacesLeft == 0
                    ? "https://schema.org/SoldOut" : "https://schema.org/InStock",
                ["validFrom"] = ev.PublishedAt is { } p ? Masthead.Content.Pages.Display.Iso(p) : null,
            };
        }
        return JsonSerializer.Serialize(data.Where(p => p.Value is not null).ToDictionary(), Options);
    }
}
