namespace Masthead.Billing.Gateway;

/// <summary>A card as the gateway reports it; never the number.</summary>
public sealed record CardSummary(string Brand, string Last4, int ExpMonth, int ExpYear, string? Fingerprint);

/// <summary>Result of attaching a payment method: either the method and its card, or a decline code and message.</summary>
public sealed record AttachResult(string? PaymentMethodId, CardSummary? Card, string? DeclineCode, string? Message)
{
    public bool Succeeded => PaymentMethodId is not null;
}

/// <summary>A charge: the same <paramref name="IdempotencyKey"/> never charges twice.</summary>
public sealed record ChargeRequest(string CustomerId, string PaymentMethodId, Money Amount, string Description, string IdempotencyKey);

public sealed record ChargeResult(string? ChargeId, string? DeclineCode, string? Message)
{
    public bool Succeeded => ChargeId is not null;
}

public sealed record RefundResult(string? RefundId, string? Message)
{
    public bool Succeeded => RefundId is not null;
}

/// <summary><paramref name="WithTrial"/> false: no free trial, the first period is charged at checkout.</summary>
public sealed record CheckoutRequest(string UserId, string Email, int PriceId, string SuccessUrl, string CancelUrl, bool WithTrial = true);

/// <summary>How checkout proceeds: a redirect to the gateway's hosted page (Stripe Checkout), or the
/// site's own card form (<see cref="UseBuiltInPage"/>, the test-mode gateway).</summary>
public sealed record CheckoutStart(string? RedirectUrl)
{
    public bool UseBuiltInPage => RedirectUrl is null;
    public static CheckoutStart BuiltInPage { get; } = new((string?)null);
}

/// <summary>A payment gateway. The billing engine is written against this alone; the built-in
/// <see cref="TestPaymentGateway"/> is the default and a Stripe implementation fits behind it.</summary>
public interface IPaymentGateway
{
    /// <summary>"test", "stripe".</summary>
    string Name { get; }
    /// <summary>True when no real money moves: every page that touches billing shows a "test mode" banner.</summary>
    bool IsTestMode { get; }
    Task<string> CreateCustomerAsync(string userId, string email, CancellationToken ct);
    /// <summary>Attaches a payment method from a token made by the checkout page (test) or the gateway's own page.</summary>
    Task<AttachResult> AttachPaymentMethodAsync(string customerId, string token, CancellationToken ct);
    Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken ct);
    Task<RefundResult> RefundAsync(string chargeId, Money amount, string idempotencyKey, CancellationToken ct);
    Task<CheckoutStart> BeginCheckoutAsync(CheckoutRequest request, CancellationToken ct);
}
