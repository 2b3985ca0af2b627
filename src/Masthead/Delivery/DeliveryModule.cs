namespace Masthead.Delivery;

public static class DeliveryModule
{
    public static WebApplicationBuilder AddDelivery(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }

    public static WebApplication MapDelivery(this WebApplication app) => app;
}
