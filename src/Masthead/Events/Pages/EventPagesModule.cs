namespace Masthead.Events.Pages;

/// <summary>The reader-facing side of events: the listing, the event page and the account panel (Razor pages and a view
/// component, found by MapRazorPages); only their reads are registered here.</summary>
public static class EventPagesModule
{
    public static WebApplicationBuilder AddEventPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<EventQueries>();
        return builder;
    }
}
