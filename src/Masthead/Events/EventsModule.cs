namespace Masthead.Events;

/// <summary>Live video Q&amp;A and in-person events: see README.md. Reaches other features through rows only (the
/// outbox for mail, users and authors by id) and <see cref="Membership.IEntitlements"/> for who may attend.</summary>
public static class EventsModule
{
    public static WebApplicationBuilder AddEvents(this WebApplicationBuilder builder)
    {
        Admin.EventsAdminModule.AddEventsAdmin(builder.Services);
        return builder;
    }

    public static WebApplication MapEvents(this WebApplication app)
    {
        return app;
    }
}
