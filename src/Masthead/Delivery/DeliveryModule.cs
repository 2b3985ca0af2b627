using Masthead.Admin;
using Masthead.Accounts;
using Masthead.Data;
using Masthead.Delivery.Inbound;
using Masthead.Delivery.Outbox;
using Microsoft.Extensions.Options;

namespace Masthead.Delivery;

public static class DeliveryModule
{
    public const string PickupRefusedInProduction =
        "Mail:Transport is Pickup (the default), which keeps every message, sign-in links included, in a local folder: "
        + "configure SMTP (Mail:Transport=Smtp, Mail:SmtpHost) for Production, or set Mail:AllowPickupInProduction=true to keep the pickup folder.";

    public static WebApplicationBuilder AddDelivery(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section)
            .PostConfigure<IOptions<StorageOptions>>((o, storage) =>
            {
                var data = storage.Value.DataDirectory;
                o.PickupDirectory = Path.GetFullPath(o.PickupDirectory ?? Path.Combine(data, "mail"), data);
            })
            .Validate(o => o.Transport != MailTransportKind.Smtp || !string.IsNullOrWhiteSpace(o.SmtpHost),
                "Mail:SmtpHost is required when Mail:Transport is Smtp.")
            .Validate(o => !Mailer.HasLineBreak(o.FromName), "Mail:FromName must be one line.")
            .Validate<IHostEnvironment>((o, env) => o.Transport != MailTransportKind.Pickup || o.AllowPickupInProduction || !env.IsProduction(),
                PickupRefusedInProduction)
            .ValidateDataAnnotations().ValidateOnStart();

        // Chosen per resolution from the bound options, so configuration set late (tests) still applies.
        builder.Services.AddSingleton<PickupFolderTransport>();
        builder.Services.AddSingleton<SmtpTransport>();
        builder.Services.AddSingleton<IMailTransport>(sp =>
            sp.GetRequiredService<IOptions<MailOptions>>().Value.Transport == MailTransportKind.Smtp
                ? sp.GetRequiredService<SmtpTransport>()
                : sp.GetRequiredService<PickupFolderTransport>());
        builder.Services.AddSingleton<Mailer>();
        builder.Services.AddSingleton<PickupMailbox>();
        builder.Services.AddHostedService<PickupLeftovers>();
        builder.Services.AddScoped<MailboxView>();
        builder.Services.AddScoped<Outbox.OutboxWriter>();
        builder.Services.AddInboundMail();
        builder.AddDeliveryEngine();
        return builder;
    }

    public static WebApplication MapDelivery(this WebApplication app)
    {
        // The mailbox shows other people's mail: admins only (its rows in Accounts/RouteAccess.cs).
        app.MapAdminApi().MapGet("/mail/{id}/html", MailHtml.Serve);
        app.MapDeliveryEngine();
        return app;
    }
}
