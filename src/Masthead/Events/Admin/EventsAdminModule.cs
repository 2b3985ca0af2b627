namespace Masthead.Events.Admin;

/// <summary>What staff do with events (pages under /admin/events): edit, registrations, messages, check-in.</summary>
internal static class EventsAdminModule
{
    public static IServiceCollection AddEventsAdmin(this IServiceCollection services) =>
        services.AddScoped<EventEditor>().AddScoped<EventChangeNotices>().AddScoped<EventRegistrants>()
            .AddScoped<EventMessenger>().AddScoped<EventCheckIn>();
}
