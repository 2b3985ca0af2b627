using Masthead.Admin;
using Masthead.Accounts;
using Masthead.Briefings.Templates;
using Masthead.Data;
using Masthead.Delivery.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Masthead.Briefings.Editions;

public static class EditionsModule
{
    public static WebApplicationBuilder AddBriefingEditions(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddSingleton<BriefingTemplates>();
        s.AddSingleton<EditionComposer>();
        s.AddSingleton<EditionRenderer>();
        s.AddSingleton<IOutboxRenderer>(sp => sp.GetRequiredService<EditionRenderer>());
        s.AddScoped<EditionBuilder>();
        s.AddScoped<EditionSender>();
        s.AddOptions<BriefingSchedulerOptions>().BindConfiguration(BriefingSchedulerOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        // One instance, resolvable by tests and the CLI that drive RunDueAsync themselves.
        s.AddSingleton<BriefingScheduler>();
        s.AddHostedService(sp => sp.GetRequiredService<BriefingScheduler>());
        return builder;
    }

    public static WebApplication MapBriefingEditions(this WebApplication app)
    {
        app.MapAdminApi().MapGet("/briefings/editions/{id:long}/preview", PreviewAsync);
        return app;
    }

    /// <summary>The edition's HTML part for the editor's sandboxed iframe, with the same strict CSP as the
    /// admin mailbox: inline styles allowed, no scripts, no forms, an opaque origin.</summary>
    private static async Task<Results<ContentHttpResult, NotFound>> PreviewAsync(long id, MastheadDb db, EditionComposer composer,
        EditionSender sender, HttpContext context, CancellationToken ct)
    {
        var rendered = await composer.LoadAsync(db, id, ct);
        if (rendered is null) return TypedResults.NotFound();
        var (_, html, _) = rendered.Render(sender.PreviewPersonal("Sample Reader", "reader@example.com"));
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Delivery.MailHtml.Csp;
        headers.XFrameOptions = "SAMEORIGIN";
        headers.CacheControl = "no-store";
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }
}
