namespace Masthead.Events;

/// <summary>Live video Q&amp;A and in-person events: see README.md. Reaches other features through rows only (the
/// outbox for mail, users and authors by id) and <see cref="Membership.IEntitlements"/> for who may attend.</summary>
public static class EventsModule
{
    public static WebApplicationBuilder AddEvents(this WebApplicationBuilder builder)
    {
        // Core: registrations, changes, invitations, mails, reminders, calendar feeds.
        builder.Services.AddSingleton<EventInvitations>();
        builder.Services.AddScoped<EventMails>();
        builder.Services.AddScoped<EventRegistrations>();
        builder.Services.AddScoped<EventChanges>();
        builder.Services.AddScoped<EventReminders>();
        builder.Services.AddScoped<CalendarFeeds>();
        builder.Services.AddScoped<Questions.EventQuestions>(); // Live Q&A questions: Questions/
        builder.Services.AddOptions<EventReminderOptions>().BindConfiguration(EventReminderOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<EventReminderWorker>();
        // Admin: what staff do with events (pages under /admin/events).
        Admin.EventsAdminModule.AddEventsAdmin(builder.Services);
        // Reader pages: /events, /events/{slug} and the account panel.
        Pages.EventPagesModule.AddEventPages(builder);
        return builder;
    }

    public static WebApplication MapEvents(this WebApplication app)
    {
        // Core: the member's calendar feed.
        app.MapCalendarFeeds();
        return app;
    }
}
