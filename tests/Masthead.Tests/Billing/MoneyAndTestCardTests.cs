using Masthead.Billing;
using Masthead.Billing.Gateway;
using Masthead.Billing.Plans;
using Microsoft.Extensions.Time.Testing;

namespace Masthead.Tests.Billing;

public sealed class MoneyAndTestCardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Money_formats_by_currency_and_refuses_to_mix_currencies()
    {
        Assert.Equal("$25.00", new Money(2_500, "USD").Format());
        Assert.Equal("$300", new Money(30_000, "USD").Format(trimWholeUnits: true));
        Assert.Equal("KWD 7.500", new Money(7_500, "KWD").Format());
        Assert.Equal("-€1,234.56", new Money(-123_456, "EUR").Format());
        Assert.Equal("$25.00/month, billed annually $300", PlanCatalog.Describe(new Money(30_000, "USD"), BillingInterval.Year, false));
        Assert.Equal(new Money(3_000, "USD"), new Money(1_000, "USD") + new Money(2_000, "USD"));
        var e = Assert.Throws<CurrencyMismatchException>(() => new Money(1, "USD") + new Money(1, "EUR"));
        Assert.Contains("USD and EUR", e.Message);
        Assert.Throws<ArgumentException>(() => new Money(1, "usd"));
        Assert.Equal(12_345, Money.Parse("123.45", "USD").Minor);
        Assert.Throws<FormatException>(() => Money.Parse("1.234", "USD"));
    }

    [Fact]
    public void Tax_rounds_half_away_from_zero_on_top_of_or_inside_a_price()
    {
        Assert.Equal(1_250, new Money(25_000, "USD").PercentBasisPoints(500).Minor); // 5% on top
        Assert.Equal(1, new Money(5, "USD").PercentBasisPoints(1_000).Minor);       // 0.5 cent rounds up
        Assert.Equal(5_000, new Money(30_000, "USD").IncludedTax(2_000).Minor);    // 20% inside $300
    }

    [Fact]
    public async Task The_test_gateway_follows_stripe_test_cards_and_keeps_no_card_number()
    {
        var gateway = new TestPaymentGateway(new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero)));
        Assert.True(gateway.IsTestMode);
        Assert.Equal("Number", gateway.Tokenize(new("4242 4242 4242 4241", 12, 2030, "123")).Field); // Luhn
        Assert.Contains("Stripe test card", gateway.Tokenize(new("4111 1111 1111 1111", 12, 2030, "123")).Error);
        Assert.Equal("Expiry", gateway.Tokenize(new(TestCards.Succeeds, 10, 2026, "123")).Field);
        Assert.Equal("Cvc", gateway.Tokenize(new(TestCards.Succeeds, 12, 2030, "12")).Field);

        var customer = await gateway.CreateCustomerAsync("u1", "a@example.test", Ct);
        async Task<AttachResult> Attach(string number) =>
            await gateway.AttachPaymentMethodAsync(customer, gateway.Tokenize(new(number, 12, 2030, "123")).Token!, Ct);

        var good = await Attach("4242-4242-4242-4242");
        Assert.Equal(("Visa", "4242", 12, 2030), (good.Card!.Brand, good.Card.Last4, good.Card.ExpMonth, good.Card.ExpYear));
        Assert.DoesNotContain("4242424242424242", good.Card.Fingerprint);
        Assert.Equal(good.Card.Fingerprint, (await Attach(TestCards.Succeeds)).Card!.Fingerprint);
        Assert.Equal("card_declined", (await Attach(TestCards.Declined)).DeclineCode);
        Assert.Equal("expired_card", (await Attach(TestCards.Expired)).DeclineCode);
        Assert.Equal("incorrect_cvc", (await Attach(TestCards.IncorrectCvc)).DeclineCode);

        var usd = new Money(30_000, "USD");
        var ok = await gateway.ChargeAsync(new(customer, good.PaymentMethodId!, usd, "PRO", "key-1"), Ct);
        Assert.True(ok.Succeeded);
        Assert.Equal(ok.ChargeId, (await gateway.ChargeAsync(new(customer, good.PaymentMethodId!, usd, "PRO", "key-1"), Ct)).ChargeId);
        Assert.Equal(1, gateway.SuccessfulCharges);
        var fails = await Attach(TestCards.ChargeFails);
        Assert.True(fails.Succeeded);
        Assert.Equal("card_declined", (await gateway.ChargeAsync(new(customer, fails.PaymentMethodId!, usd, "PRO", "key-2"), Ct)).DeclineCode);
        var poor = await Attach(TestCards.InsufficientFunds);
        Assert.Equal("insufficient_funds", (await gateway.ChargeAsync(new(customer, poor.PaymentMethodId!, usd, "PRO", "key-3"), Ct)).DeclineCode);
        Assert.Equal(CheckoutStart.BuiltInPage, await gateway.BeginCheckoutAsync(new("u1", "a@example.test", 1, "/ok", "/no"), Ct));
    }
}
