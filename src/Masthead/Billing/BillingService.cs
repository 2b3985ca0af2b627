using Masthead.Billing.Emails;
using Masthead.Billing.Gateway;
using Masthead.Billing.Invoices;
using Masthead.Billing.Plans;
using Masthead.Billing.Subscriptions;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Billing;

/// <summary>What the pricing, checkout and account pages call. Every refusal is a
/// <see cref="BillingException"/> whose message can be shown as is; when one is thrown nothing was
/// charged or granted. Prices are always re-read by id: never trust an amount or plan from a form.</summary>
public sealed class BillingService(MastheadDb db, TimeProvider time, IPaymentGateway gateway, PlanCatalog catalog,
    BillingEngine engine, BillingEmails emails, BillingHistory history, IOptions<BillingOptions> options)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public bool IsTestMode => gateway.IsTestMode;

    public async Task<TrialEligibility> TrialEligibilityAsync(string userId, CancellationToken ct)
    {
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(ct)
            ?? throw new BillingException("Sign in to start a trial.", "no_account");
        if (await LiveAsync(userId, ct) is not null) return new(false, "You already have a PRO subscription.");
        var keys = TrialKeys.For(userId, email, null);
        return await db.Set<TrialClaim>().AnyAsync(c => keys.Contains(c.Key), ct)
            ? new(false, TrialKeys.UsedMessage, CanSubscribe: true, Notice: TrialKeys.UsedNotice)
            : new(true, null, CanSubscribe: true);
    }

    /// <summary>Step one of checkout: a redirect URL (Stripe Checkout) or "use the built-in page" (test mode).</summary>
    /// <summary>With <paramref name="withTrial"/> false: the paid path, open to a reader who already had their trial.</summary>
    public async Task<CheckoutStart> BeginCheckoutAsync(string userId, int priceId, string successUrl, string cancelUrl, CancellationToken ct,
        bool withTrial = true)
    {
        _ = await catalog.ActivePriceAsync(priceId, ct) ?? throw PriceGone();
        var trial = await TrialEligibilityAsync(userId, ct);
        if (withTrial ? !trial.Eligible : !trial.CanSubscribe) throw new BillingException(trial.Reason!, withTrial ? "trial_used" : "already_member");
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email!).SingleAsync(ct);
        return await gateway.BeginCheckoutAsync(new CheckoutRequest(userId, email, priceId, successUrl, cancelUrl, withTrial), ct);
    }

    /// <summary>Subscribe without a trial: the first period is invoiced and charged now, and only a successful
    /// charge creates the subscription (receipt by email). A declined card rolls everything back: no
    /// subscription, no invoice number used, nothing granted. For readers who already had their trial.</summary>
    public async Task<SubscriptionView> SubscribeAsync(string userId, int priceId, string paymentToken, CancellationToken ct)
    {
        var price = await db.Set<Price>().Include(p => p.Plan).FirstOrDefaultAsync(p => p.Id == priceId && p.Active, ct) ?? throw PriceGone();
        if (price.PerSeat) throw new BillingException("That number of seats is not available for this plan.", "seats");
        if (await LiveAsync(userId, ct) is not null) throw new BillingException("You already have a PRO subscription.", "already_member");
        var customer = await AttachAsync(userId, paymentToken, ct);

        var (start, end) = (Now, price.PeriodEndFrom(Now));
        var s = new MemberSubscription
        {
            UserId = userId, PriceId = price.Id, Price = price, Seats = 1, Status = SubscriptionStatus.Active, CreatedAt = Now,
            CurrentPeriodStart = start, CurrentPeriodEnd = end,
        };
        Invoice invoice;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            db.Add(s);
            await db.SaveChangesAsync(ct);
            invoice = await InvoiceFactory.CreateOpenAsync(db, s, price, price.Plan!.Name, start, end, options.Value, Now, ct);
            var charge = await gateway.ChargeAsync(new ChargeRequest(customer.GatewayCustomerId, customer.PaymentMethodId ?? "",
                invoice.Total, invoice.Lines[0].Description, $"subscribe-{s.Id}-{customer.PaymentMethodId}"), ct);
            if (!charge.Succeeded)
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                throw new BillingException((charge.Message ?? "Your card was declined.") + " Nothing was charged.", charge.DeclineCode ?? "card_declined");
            }
            InvoiceFactory.MarkPaid(invoice, charge.ChargeId!, Now);
            history.Add(s, "subscribed without trial", $"{price.Plan.Name}, invoice {invoice.Number} paid {invoice.Total}, card {customer.CardBrand} •••• {customer.CardLast4}");
            // A paid start still counts as the person's one trial chance, so a later lapse does not reopen a free week.
            var keys = TrialKeys.For(userId, customer.Email, customer.CardFingerprint);
            var claimed = await db.Set<TrialClaim>().Where(c => keys.Contains(c.Key)).Select(c => c.Key).ToListAsync(ct);
            foreach (var key in keys.Except(claimed)) db.Add(new TrialClaim { Key = key, UserId = userId, SubscriptionId = s.Id, At = Now });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        await history.SendAsync(s, emails.Receipt(customer.Email, invoice, price.Plan.Name), ct);
        return BillingViews.ToView(s, Now);
    }

    /// <summary>Starts the free trial on an active price with a card token: nothing is charged until the
    /// trial ends. Refused (nothing stored) for a second trial by account, email or card, or a declined card.</summary>
    public async Task<SubscriptionView> StartTrialAsync(string userId, int priceId, string paymentToken, CancellationToken ct, int seats = 1)
    {
        var price = await db.Set<Price>().Include(p => p.Plan).FirstOrDefaultAsync(p => p.Id == priceId && p.Active, ct) ?? throw PriceGone();
        if (seats < 1 || (!price.PerSeat && seats != 1)) throw new BillingException("That number of seats is not available for this plan.", "seats");
        var trial = await TrialEligibilityAsync(userId, ct);
        if (!trial.Eligible) throw new BillingException(trial.Reason!, "trial_used");
        var customer = await AttachAsync(userId, paymentToken, ct);
        if (customer.CardFingerprint is { } fp && await db.Set<TrialClaim>().AnyAsync(c => c.Key == TrialKeys.Card(fp), ct))
        {
            throw new BillingException(TrialKeys.UsedMessage, "trial_used");
        }

        var days = price.TrialDays > 0 ? price.TrialDays : options.Value.TrialDays;
        var s = new MemberSubscription
        {
            UserId = userId, PriceId = price.Id, Price = price, Seats = seats, Status = SubscriptionStatus.Trialing, CreatedAt = Now,
            TrialEnd = Now.AddDays(days), CurrentPeriodStart = Now, CurrentPeriodEnd = Now.AddDays(days),
        };
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            db.Add(s);
            await db.SaveChangesAsync(ct);
            foreach (var key in TrialKeys.For(userId, customer.Email, customer.CardFingerprint))
            {
                db.Add(new TrialClaim { Key = key, UserId = userId, SubscriptionId = s.Id, At = Now });
            }
            history.Add(s, "trial started", $"{price.Plan!.Name}, {days} days, card {customer.CardBrand} •••• {customer.CardLast4}");
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // A concurrent request claimed the same account, email or card first: its trial stands, ours never existed.
                db.ChangeTracker.Clear();
                throw new BillingException(TrialKeys.UsedMessage, "trial_used");
            }
            await tx.CommitAsync(ct);
        }
        var total = price.Amount * seats;
        await history.SendAsync(s, emails.TrialStarted(customer.Email, price.Plan.Name, s.CurrentPeriodEnd,
            $"{total.Format()} for the first {(price.Interval == BillingInterval.Year ? "year" : "month")}"), ct);
        return BillingViews.ToView(s, Now);
    }

    /// <summary>Cancel: a trial or active subscription keeps access until its period ends; a past-due one ends now.</summary>
    public async Task<SubscriptionView> CancelAsync(string userId, CancellationToken ct)
    {
        var s = await LiveAsync(userId, ct) ?? throw NoSubscription();
        var email = await EmailAsync(userId, ct);
        if (s.Status == SubscriptionStatus.PastDue)
        {
            if (s.OpenInvoiceId is { } open) (await db.Set<Invoice>().SingleAsync(i => i.Id == open, ct)).Status = InvoiceStatus.Void;
            history.Add(s, SubscriptionMachine.CancelNow(s, Now, "by the member while past due"));
            await db.SaveChangesAsync(ct);
            await history.SendAsync(s, emails.Ended(email, s.Price!.Plan!.Name,
                $"As you asked, your {s.Price.Plan.Name} subscription is canceled. The unpaid invoice has been voided: you owe nothing."), ct);
        }
        else
        {
            history.Add(s, SubscriptionMachine.Cancel(s, Now));
            await db.SaveChangesAsync(ct);
            await history.SendAsync(s, emails.CanceledAtPeriodEnd(email, s.Price!.Plan!.Name, s.CurrentPeriodEnd,
                trial: s.Status == SubscriptionStatus.Trialing), ct);
        }
        return BillingViews.ToView(s, Now);
    }

    /// <summary>Undo a cancel before the period ends: billing continues as if nothing happened.</summary>
    public async Task<SubscriptionView> ReactivateAsync(string userId, CancellationToken ct)
    {
        var s = await LatestAsync(userId, ct) ?? throw NoSubscription();
        history.Add(s, SubscriptionMachine.Reactivate(s, Now));
        await db.SaveChangesAsync(ct);
        return BillingViews.ToView(s, Now);
    }

    /// <summary>Replaces the card on file. When past due, the open invoice is charged to the new card at once.</summary>
    public async Task<AccountBilling> UpdatePaymentMethodAsync(string userId, string paymentToken, CancellationToken ct)
    {
        var customer = await AttachAsync(userId, paymentToken, ct);
        if (await LiveAsync(userId, ct) is { } s)
        {
            history.Add(s, "payment method updated", $"{customer.CardBrand} •••• {customer.CardLast4}");
            await db.SaveChangesAsync(ct);
            if (s.Status == SubscriptionStatus.PastDue)
            {
                db.ChangeTracker.Clear();
                await engine.RetryAsync(s.Id, evenIfNotDue: true, ct);
            }
        }
        return await AccountAsync(userId, ct);
    }

    /// <summary>The account page: current (or last) subscription, card, invoices newest first, trial eligibility.</summary>
    public async Task<AccountBilling> AccountAsync(string userId, CancellationToken ct)
    {
        var s = await LatestAsync(userId, ct, tracking: false);
        var card = await db.Set<BillingCustomer>().AsNoTracking().Where(c => c.UserId == userId && c.CardLast4 != null)
            .Select(c => new CardView(c.CardBrand!, c.CardLast4!, c.CardExpMonth ?? 0, c.CardExpYear ?? 0)).FirstOrDefaultAsync(ct);
        var invoices = await db.Set<Invoice>().AsNoTracking().Include(i => i.Lines).Where(i => i.UserId == userId)
            .OrderByDescending(i => i.Sequence).ToListAsync(ct);
        return new AccountBilling(s is null ? null : BillingViews.ToView(s, Now), card, invoices.Select(BillingViews.ToView).ToList(),
            await TrialEligibilityAsync(userId, ct), gateway.IsTestMode);
    }

    /// <summary>A member's billing history, oldest first (for the admin member page).</summary>
    public async Task<IReadOnlyList<BillingEventView>> HistoryAsync(string userId, CancellationToken ct) =>
        await db.Set<BillingEvent>().AsNoTracking().Where(e => e.UserId == userId).OrderBy(e => e.Id)
            .Select(e => new BillingEventView(e.SubscriptionId, e.At, e.Type, e.Detail)).ToListAsync(ct);

    private async Task<BillingCustomer> AttachAsync(string userId, string token, CancellationToken ct)
    {
        var customer = await db.Set<BillingCustomer>().FirstOrDefaultAsync(c => c.UserId == userId, ct);
        if (customer is null)
        {
            var email = await EmailAsync(userId, ct);
            customer = new BillingCustomer
            {
                UserId = userId, Email = email, Gateway = gateway.Name, CreatedAt = Now,
                GatewayCustomerId = await gateway.CreateCustomerAsync(userId, email, ct),
            };
            db.Add(customer);
        }
        var attached = await gateway.AttachPaymentMethodAsync(customer.GatewayCustomerId, token, ct);
        if (!attached.Succeeded) throw new BillingException(attached.Message ?? "Your card could not be used.", attached.DeclineCode ?? "card_declined");
        var card = attached.Card!;
        (customer.PaymentMethodId, customer.CardBrand, customer.CardLast4) = (attached.PaymentMethodId, card.Brand, card.Last4);
        (customer.CardExpMonth, customer.CardExpYear, customer.CardFingerprint) = (card.ExpMonth, card.ExpYear, card.Fingerprint);
        await db.SaveChangesAsync(ct);
        return customer;
    }

    private Task<MemberSubscription?> LiveAsync(string userId, CancellationToken ct) =>
        Subscriptions(userId, tracking: true).FirstOrDefaultAsync(s => s.Status == SubscriptionStatus.Trialing
            || s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.PastDue, ct);

    private Task<MemberSubscription?> LatestAsync(string userId, CancellationToken ct, bool tracking = true) =>
        Subscriptions(userId, tracking).OrderByDescending(s => s.Id).FirstOrDefaultAsync(ct);

    private IQueryable<MemberSubscription> Subscriptions(string userId, bool tracking)
    {
        var q = db.Set<MemberSubscription>().Include(s => s.Price).ThenInclude(p => p!.Plan).Where(s => s.UserId == userId);
        return tracking ? q : q.AsNoTracking();
    }

    private async Task<string> EmailAsync(string userId, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(ct)
        ?? throw new BillingException("Sign in first.", "no_account");

    private static BillingException PriceGone() =>
        new("That price is no longer offered. Please choose again from the pricing page.", "price_unavailable");

    private static BillingException NoSubscription() => new("You have no PRO subscription.", "no_subscription");
}
