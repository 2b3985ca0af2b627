using Masthead.Delivery.Bounces;
using Masthead.Delivery.Dkim;
using Masthead.Delivery.Smtp;
using Microsoft.Extensions.Options;

namespace Masthead.Delivery.Outbox;

/// <summary>Registers the outbox workers, the SMTP pool, DKIM and bounce handling.</summary>
public static class DeliveryEngineModule
{
    public static WebApplicationBuilder AddDeliveryEngine(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section)
            .Validate(o => o.LeaseDuration > TimeSpan.Zero && o.PollInterval > TimeSpan.Zero && o.RetryBaseDelay > TimeSpan.Zero,
                "Delivery durations must be positive.")
            .Validate(o => o.LeaseRenewInterval > TimeSpan.Zero && o.LeaseRenewInterval * 2 <= o.LeaseDuration,
                "Delivery:LeaseRenewInterval must be positive and at most half of Delivery:LeaseDuration.")
            .ValidateDataAnnotations().ValidateOnStart();
        s.AddOptions<DkimOptions>().BindConfiguration(DkimOptions.Section);
        s.AddSingleton<IOutboxRenderer, MailOutboxRenderer>();
        s.AddSingleton<MessageSigner>();
        s.AddSingleton<FromAlignment>();
        s.AddHostedService<FromAlignmentAnnouncement>();
        s.AddSingleton<SmtpPool>();
        s.AddSingleton<PickupSender>();
        s.AddSingleton<IOutboxSender>(sp =>
            sp.GetRequiredService<IOptions<MailOptions>>().Value.Transport == MailTransportKind.Smtp
                ? sp.GetRequiredService<SmtpPool>()
                : sp.GetRequiredService<PickupSender>());
        s.AddSingleton<DeliverySignal>();
        s.AddSingleton<DeliveryEngine>();
        s.AddHostedService<DeliveryWorker>();
        s.AddScoped<BounceRecorder>();
        s.AddSingleton<BounceFolderWorker>();
        s.AddHostedService(sp => sp.GetRequiredService<BounceFolderWorker>());
        return builder;
    }

    public static WebApplication MapDeliveryEngine(this WebApplication app)
    {
        app.MapBounces();
        return app;
    }
}
