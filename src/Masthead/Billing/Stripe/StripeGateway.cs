using Masthead.Billing.Gateway;
using Masthead.Billing.Plans;
using Masthead.Billing.Subscriptions;
using Masthead.Data;
using Masthead.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;
using Price = Masthead.Billing.Plans.Price;

namespace Masthead.Billing.Stripe;

/// <summary>The Stripe gateway. Stripe holds the card and runs the subscription (trial, renewals,
/// retries); we start it with a Checkout Session, send members to the Customer Portal to change cards
/// or cancel there, issue admin refunds through the Refund API, and mirror what Stripe reports through
/// the webhook (<see cref="StripeEventProcessor"/>). Card details never reach this server.</summary>
public sealed class StripeGateway(IStripeClient client, MastheadDb db, IOptions<StripeOptions> options,
    IOptions<BillingOptions> billing, IOptions<SiteOptions> site) : IPaymentGateway
{
    public const string GatewayName = "stripe";
    /// <summary>Metadata keys put on the session and the subscription, read back by the webhook.</summary>
    public const string UserIdKey = "masthead_user_id", PriceIdKey = "masthead_price_id";

    public string Name => GatewayName;
    /// <summary>A test-mode secret key is Stripe's own test mode: no real money moves.</summary>
    public bool IsTestMode => options.Value.SecretKey is not { } key
        || key.StartsWith("sk_test_", StringComparison.Ordinal) || key.StartsWith("rk_test_", StringComparison.Ordinal);

    public async Task<string> CreateCustomerAsync(string userId, string email, CancellationToken ct)
    {
        var customer = await new CustomerService(client).CreateAsync(new CustomerCreateOptions
        {
            Email = email, Metadata = new() { [UserIdKey] = userId },
        }, new RequestOptions { IdempotencyKey = "customer-" + userId }, ct);
        return customer.Id;
    }

    /// <summary>Cards are entered on Stripe's own pages (Checkout, the portal), never posted to us.</summary>
    public Task<AttachResult> AttachPaymentMethodAsync(string customerId, string token, CancellationToken ct) =>
        Task.FromResult(new AttachResult(null, null, "use_portal", "Change your card from the Stripe billing page (Manage billing)."));

    /// <summary>Stripe charges renewals itself; the billing clock must not. Throwing (rather than
    /// reporting a decline) keeps the clock from marking a Stripe subscription past due.</summary>
    public Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken ct) =>
        throw new BillingException("Stripe collects subscription payments itself; the billing clock does not charge Stripe subscriptions.", "gateway");

    public async Task<RefundResult> RefundAsync(string chargeId, Money amount, string idempotencyKey, CancellationToken ct)
    {
        var refund = new RefundCreateOptions { Amount = amount.Minor };
        if (chargeId.StartsWith("pi_", StringComparison.Ordinal)) refund.PaymentIntent = chargeId;
        else refund.Charge = chargeId;
        try
        {
            var r = await new RefundService(client).CreateAsync(refund, new RequestOptions { IdempotencyKey = idempotencyKey }, ct);
            return new RefundResult(r.Id, null);
        }
        catch (StripeException e)
        {
            return new RefundResult(null, e.StripeError?.Message ?? e.Message);
        }
    }

    /// <summary>A Checkout Session in subscription mode with the trial on the subscription; the
    /// member is sent to its URL. Our ids travel as client_reference_id and metadata.</summary>
    public async Task<CheckoutStart> BeginCheckoutAsync(CheckoutRequest request, CancellationToken ct)
    {
        var price = await db.Set<Price>().AsNoTracking().Include(p => p.Plan).SingleOrDefaultAsync(p => p.Id == request.PriceId, ct)
            ?? throw new BillingException("That price is no longer offered. Please choose again from the pricing page.", "price_unavailable");
        var stripePrice = StripePriceFor(price, options.Value)
            ?? throw new BillingException("This plan cannot be bought by card yet. Please try again later.", "price_unmapped");
        var customerId = await db.Set<BillingCustomer>().AsNoTracking()
            .Where(c => c.UserId == request.UserId && c.Gateway == GatewayName).Select(c => c.GatewayCustomerId).FirstOrDefaultAsync(ct);
        var metadata = new Dictionary<string, string> { [UserIdKey] = request.UserId, [PriceIdKey] = price.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var days = price.TrialDays > 0 ? price.TrialDays : billing.Value.TrialDays;
        var session = new SessionCreateOptions
        {
            Mode = "subscription",
            ClientReferenceId = request.UserId,
            Customer = customerId,
            CustomerEmail = customerId is null ? request.Email : null,
            SuccessUrl = request.SuccessUrl,
            CancelUrl = request.CancelUrl,
            LineItems = [new SessionLineItemOptions { Price = stripePrice, Quantity = 1 }],
            SubscriptionData = new SessionSubscriptionDataOptions { TrialPeriodDays = request.WithTrial && days > 0 ? days : null, Metadata = metadata },
            Metadata = metadata,
        };
        var created = await new SessionService(client).CreateAsync(session, cancellationToken: ct);
        return new CheckoutStart(created.Url ?? throw new BillingException("Stripe did not return a checkout page. Please try again.", "gateway"));
    }

    /// <summary>A Customer Portal session (update the card, see invoices, cancel) for a member who has a
    /// Stripe customer; null when they have none yet.</summary>
    public async Task<string?> CreatePortalUrlAsync(string userId, CancellationToken ct)
    {
        var customerId = await db.Set<BillingCustomer>().AsNoTracking()
            .Where(c => c.UserId == userId && c.Gateway == GatewayName).Select(c => c.GatewayCustomerId).FirstOrDefaultAsync(ct);
        if (customerId is null) return null;
        var portal = await new global::Stripe.BillingPortal.SessionService(client).CreateAsync(new global::Stripe.BillingPortal.SessionCreateOptions
        {
            Customer = customerId,
            ReturnUrl = new Uri(new Uri(site.Value.BaseUrl), options.Value.PortalReturnUrl).ToString(),
        }, cancellationToken: ct);
        return portal.Url;
    }

    /// <summary>By our price id first (exact), then by "{plan}-{interval}" (survives re-seeding).</summary>
    public static string? StripePriceFor(Price price, StripeOptions o)
    {
        if (o.Prices.TryGetValue(price.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), out var byId)) return byId;
        return price.Plan is { } plan && o.Prices.TryGetValue($"{plan.Slug}-{price.Interval.ToString().ToLowerInvariant()}", out var bySlug) ? bySlug : null;
    }
}
