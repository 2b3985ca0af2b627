using Masthead.Billing;
using Masthead.Billing.Gateway;
using Masthead.Billing.Stripe;
using Masthead.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Billing.Stripe;

public sealed class StripeGatewayTests
{
    private const string SessionJson = """
        {"id":"cs_test_fake","object":"checkout.session","mode":"subscription","url":"https://checkout.stripe.com/c/pay/cs_test_fake","livemode":false}
        """;

    [Theory, ClassData(typeof(Databases))]
    public async Task CheckoutCreatesASubscriptionModeSessionWithTheTrialAndTheMappedStripePrice(Db db)
    {
        var (app, api) = await StripeTestApp.StartAsync(db);
        await using var _app = app;
        api.Responses["POST /v1/checkout/sessions"] = SessionJson;
        var user = await app.CreateUserAsync("checkout@example.test");
        var price = await app.ProYearPriceAsync();

        await using var scope = app.Services.CreateAsyncScope();
        Assert.IsType<StripeGateway>(scope.ServiceProvider.GetRequiredService<IPaymentGateway>());
        // Stripe runs renewals: our billing clock is off unless configured otherwise.
        Assert.Equal("false", scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Billing:ClockEnabled"]);
        var start = await scope.ServiceProvider.GetRequiredService<BillingService>().BeginCheckoutAsync(user.Id, price.Id,
            "http://localhost/pro/welcome", "http://localhost/pricing", TestContext.Current.CancellationToken);

        Assert.Equal("https://checkout.stripe.com/c/pay/cs_test_fake", start.RedirectUrl);
        var request = Assert.Single(api.Requests);
        Assert.Equal((HttpMethod.Post, "/v1/checkout/sessions"), (request.Method, request.Path));
        var fields = request.Body.Split('&');
        Assert.Contains("mode=subscription", fields);
        Assert.Contains("subscription_data[trial_period_days]=7", fields);
        Assert.Contains($"line_items[0][price]={StripeTestApp.StripeProYearPrice}", fields);
        Assert.Contains("line_items[0][quantity]=1", fields);
        Assert.Contains($"client_reference_id={user.Id}", fields);
        Assert.Contains($"subscription_data[metadata][{StripeGateway.UserIdKey}]={user.Id}", fields);
        Assert.Contains("success_url=http://localhost/pro/welcome", fields);
        Assert.Contains("cancel_url=http://localhost/pricing", fields);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AnAdminRefundGoesToTheRefundApiWithTheAmountInMinorUnitsAndAnIdempotencyKey(Db db)
    {
        var (app, api) = await StripeTestApp.StartAsync(db);
        await using var _app = app;
        api.Responses["POST /v1/refunds"] = """{"id":"re_test_fake","object":"refund","amount":5000,"currency":"usd","status":"succeeded"}""";

        await using var scope = app.Services.CreateAsyncScope();
        var gateway = scope.ServiceProvider.GetRequiredService<IPaymentGateway>();
        var result = await gateway.RefundAsync("pi_test_paid", new Money(5000, "USD"), "invoice-7-refund-0-5000", TestContext.Current.CancellationToken);

        Assert.Equal("re_test_fake", result.RefundId);
        var request = Assert.Single(api.Requests);
        Assert.Equal("/v1/refunds", request.Path);
        Assert.Contains("amount=5000", request.Body.Split('&'));
        Assert.Contains("payment_intent=pi_test_paid", request.Body.Split('&'));
        Assert.Equal("invoice-7-refund-0-5000", request.IdempotencyKey);
    }

    [Fact]
    public async Task StartingWithTheStripeGatewayButNoKeysFailsWithAMessageNamingTheMissingSetting()
    {
        var settings = StripeTestApp.Settings();
        settings.Remove("Billing:Stripe:SecretKey");

        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await (await TestApp.StartAsync(Db.Sqlite, settings)).DisposeAsync());

        var messages = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains("Billing:Stripe:SecretKey", messages);

        static IEnumerable<Exception> Flatten(Exception e)
        {
            for (Exception? x = e; x is not null; x = x.InnerException)
            {
                yield return x;
                if (x is AggregateException agg) foreach (var inner in agg.InnerExceptions) yield return inner;
            }
        }
    }
}
