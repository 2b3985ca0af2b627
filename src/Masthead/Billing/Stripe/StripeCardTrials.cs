using Masthead.Billing.Subscriptions;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace Masthead.Billing.Stripe;

/// <summary>One trial per card, by Stripe's card fingerprint (the same card gives the same fingerprint on any
/// customer). Webhook payloads carry only the id of a subscription's default payment method, so the method is
/// read from the API. Works in the processor's scope: what it records joins the event's transaction.</summary>
public sealed class StripeCardTrials(MastheadDb db, TimeProvider time, BillingHistory history, IStripeClient client)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Checked once per subscription, the first time it is seen trialing with its default payment
    /// method: a new card is claimed; a card that already had a trial gets its trial ended now through the
    /// API (trial_end=now: Stripe invoices and charges the first period at once), and that is recorded. A failed
    /// API call throws, the event rolls back and Stripe delivers it again. Returns a note for the outcome.</summary>
    public async Task<string> CheckAsync(Subscription sub, MemberSubscription s, CancellationToken ct)
    {
        if (sub.Status != "trialing" || sub.DefaultPaymentMethodId is not { Length: > 0 } methodId) return "";
        if (await db.Set<TrialClaim>().AnyAsync(c => c.SubscriptionId == s.Id && c.Key.StartsWith("card:"), ct)
            || await db.Set<BillingEvent>().AnyAsync(x => x.SubscriptionId == s.Id && x.Type == StripeEventProcessor.CardTrialEnded, ct)) return "";
        var method = await new PaymentMethodService(client).GetAsync(methodId, cancellationToken: ct);
        if (method.Card is not { Fingerprint: { Length: > 0 } fingerprint } card) return "";
        if (await db.Set<BillingCustomer>().FirstOrDefaultAsync(c => c.UserId == s.UserId, ct) is { } customer)
        {
            (customer.PaymentMethodId, customer.CardBrand, customer.CardLast4) = (methodId, Brand(card.Brand), card.Last4);
            (customer.CardExpMonth, customer.CardExpYear, customer.CardFingerprint) = ((int)card.ExpMonth, (int)card.ExpYear, fingerprint);
        }
        var key = TrialKeys.Card(fingerprint);
        var earlier = await db.Set<TrialClaim>().AsNoTracking().FirstOrDefaultAsync(c => c.Key == key, ct);
        if (earlier is null)
        {
            db.Add(new TrialClaim { Key = key, UserId = s.UserId, SubscriptionId = s.Id, At = Now });
            return "";
        }
        await new SubscriptionService(client).UpdateAsync(sub.Id, new SubscriptionUpdateOptions { TrialEnd = SubscriptionTrialEnd.Now },
            new RequestOptions { IdempotencyKey = "masthead-card-trial-end-" + sub.Id }, ct);
        s.TrialEnd = Now;
        history.Add(s, StripeEventProcessor.CardTrialEnded,
            $"{Brand(card.Brand)} •••• {card.Last4} had a trial on subscription {earlier.SubscriptionId}; Stripe asked to end this trial now and charge");
        return ", trial ended now (card already had a trial)";
    }

    private static string Brand(string? brand) => brand switch
    {
        "visa" => "Visa", "mastercard" => "Mastercard", "amex" => "American Express", null or "" => "Card",
        _ => char.ToUpperInvariant(brand[0]) + brand[1..],
    };
}
