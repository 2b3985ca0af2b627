using Masthead.Data;

namespace Masthead.Billing.Gateway;

/// <summary>The test gateway as one scope's services see it (what <see cref="IPaymentGateway"/> resolves to in
/// test mode). Charges and refunds are recorded through the scope's own context: they commit or roll back with
/// the invoice that records them, and on SQLite (one writer) they never wait on the caller's open transaction,
/// as a write from a second connection would. Everything else is the shared <see cref="TestPaymentGateway"/>.</summary>
internal sealed class ScopedTestGateway(TestPaymentGateway gateway, MastheadDb db) : IPaymentGateway
{
    public TestPaymentGateway Gateway => gateway;
    public string Name => gateway.Name;
    public bool IsTestMode => gateway.IsTestMode;

    public Task<string> CreateCustomerAsync(string userId, string email, CancellationToken ct) => gateway.CreateCustomerAsync(userId, email, ct);

    public Task<AttachResult> AttachPaymentMethodAsync(string customerId, string token, CancellationToken ct) =>
        gateway.AttachPaymentMethodAsync(customerId, token, ct);

    public Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken ct) => gateway.ChargeAsync(request, db, ct);

    public Task<RefundResult> RefundAsync(string chargeId, Money amount, string idempotencyKey, CancellationToken ct) =>
        gateway.RefundAsync(chargeId, amount, idempotencyKey, db, ct);

    public Task<CheckoutStart> BeginCheckoutAsync(CheckoutRequest request, CancellationToken ct) => gateway.BeginCheckoutAsync(request, ct);
}
