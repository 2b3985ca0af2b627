namespace Masthead.Events.Pages;

/// <summary>A list of events; <paramref name="Empty"/> is said when there are none, and each event's heading is at
/// <paramref name="HeadingLevel"/> so the outline stays in order.</summary>
public sealed record EventListView(IReadOnlyList<EventCard> Events, DateTime Now, string Empty, int HeadingLevel = 3);
