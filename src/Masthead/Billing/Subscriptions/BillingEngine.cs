using Masthead.Billing.Emails;
using Masthead.Billing.Gateway;
using Masthead.Billing.Invoices;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Billing.Subscriptions;

/// <summary>The transitions driven by time: trial reminders, conversions and renewals (charge a new
/// period), dunning retries and period-end expiry. Each method re-reads the subscription, re-checks
/// that the work is still due, and saves under the <see cref="MemberSubscription.Version"/> token, so
/// two clocks running the same step apply it once (the loser's transaction rolls back, invoice number
/// included). Charges carry an idempotency key derived from the period or the retry, so the loser's
/// charge is the winner's charge at the gateway, never a second one.</summary>
public sealed class BillingEngine(MastheadDb db, TimeProvider time, IPaymentGateway gateway, BillingEmails emails,
    BillingHistory history, IOptions<BillingOptions> options)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<bool> RemindTrialAsync(long id, CancellationToken ct)
    {
        var s = await LoadAsync(id, ct);
        var days = options.Value.TrialReminderDaysBefore;
        if (s is not { Status: SubscriptionStatus.Trialing, CancelAtPeriodEnd: false, TrialReminderSentAt: null }
            || Now < s.CurrentPeriodEnd.AddDays(-days) || Now >= s.CurrentPeriodEnd) return false;
        history.Add(s, SubscriptionMachine.TrialReminded(s, Now), $"charge on {BillingEmails.Date(s.CurrentPeriodEnd)}");
        if (!await SaveAsync(ct)) return false;
        var amount = s.Price!.Amount * s.Seats;
        await history.SendAsync(s, emails.TrialReminder(await EmailAsync(s, ct), s.Price.Plan!.Name, s.CurrentPeriodEnd, amount), ct);
        return true;
    }

    /// <summary>Trial conversion or renewal: invoice and charge the period that starts where the current one ends.</summary>
    public async Task<bool> ChargeNextPeriodAsync(long id, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var s = await LoadAsync(id, ct);
        if (s is not { Status: SubscriptionStatus.Trialing or SubscriptionStatus.Active, CancelAtPeriodEnd: false }
            || s.CurrentPeriodEnd > Now) return false;
        var customer = await db.Set<BillingCustomer>().SingleAsync(c => c.UserId == s.UserId, ct);
        var price = s.Price!;
        var start = s.CurrentPeriodEnd;
        var end = price.PeriodEndFrom(start);
        var invoice = await InvoiceFactory.CreateOpenAsync(db, s, price, price.Plan!.Name, start, end, options.Value, Now, ct);
        var charge = await gateway.ChargeAsync(new ChargeRequest(customer.GatewayCustomerId, customer.PaymentMethodId ?? "",
            invoice.Total, invoice.Lines[0].Description, $"sub-{s.Id}-period-{start:yyyyMMddHHmmss}"), ct);
        BillingMail mail;
        if (charge.Succeeded)
        {
            InvoiceFactory.MarkPaid(invoice, charge.ChargeId!, Now);
            history.Add(s, SubscriptionMachine.Paid(s, start, end), $"invoice {invoice.Number} paid {invoice.Total}");
            mail = emails.Receipt(customer.Email, invoice, price.Plan.Name);
        }
        else
        {
            var retry = options.Value.DunningRetryDays;
            history.Add(s, SubscriptionMachine.PaymentFailed(s, invoice.Id, start, end, Now, retry),
                $"invoice {invoice.Number} {invoice.Total}: {charge.DeclineCode}");
            mail = emails.PaymentFailed(customer.Email, price.Plan.Name, invoice.Total, charge.Message ?? "the card was declined.", s.NextRetryAt);
        }
        if (!await SaveAsync(ct)) return false;
        await tx.CommitAsync(ct);
        await history.SendAsync(s, mail, ct);
        return true;
    }

    /// <summary>A dunning retry of the open invoice; the last failed retry cancels the subscription.</summary>
    public async Task<bool> RetryAsync(long id, bool evenIfNotDue, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var s = await LoadAsync(id, ct);
        if (s is not { Status: SubscriptionStatus.PastDue, OpenInvoiceId: { } invoiceId } || (!evenIfNotDue && s.NextRetryAt > Now)) return false;
        var invoice = await db.Set<Invoice>().Include(i => i.Lines).SingleAsync(i => i.Id == invoiceId, ct);
        var customer = await db.Set<BillingCustomer>().SingleAsync(c => c.UserId == s.UserId, ct);
        var plan = s.Price!.Plan!.Name;
        var charge = await gateway.ChargeAsync(new ChargeRequest(customer.GatewayCustomerId, customer.PaymentMethodId ?? "",
            invoice.Total, invoice.Lines[0].Description, $"invoice-{invoice.Id}-retry-{s.RetryCount + 1}-{customer.PaymentMethodId}"), ct);
        BillingMail mail;
        if (charge.Succeeded)
        {
            InvoiceFactory.MarkPaid(invoice, charge.ChargeId!, Now);
            history.Add(s, SubscriptionMachine.Paid(s, invoice.PeriodStart, invoice.PeriodEnd), $"invoice {invoice.Number} paid {invoice.Total}");
            mail = emails.Receipt(customer.Email, invoice, plan);
        }
        else if (SubscriptionMachine.RetryFailed(s, Now, options.Value.DunningRetryDays, out var type))
        {
            invoice.Status = InvoiceStatus.Void;
            history.Add(s, type, $"invoice {invoice.Number} voided after {s.Price.Plan.Name} payment failed: {charge.DeclineCode}");
            mail = emails.Ended(customer.Email, plan,
                $"We could not take payment for {plan} after several attempts, so your subscription has been canceled. Invoice {invoice.Number} has been voided: you owe nothing.");
        }
        else
        {
            history.Add(s, type, $"retry {s.RetryCount} of invoice {invoice.Number}: {charge.DeclineCode}");
            mail = emails.PaymentFailed(customer.Email, plan, invoice.Total, charge.Message ?? "the card was declined.", s.NextRetryAt);
        }
        if (!await SaveAsync(ct)) return false;
        await tx.CommitAsync(ct);
        await history.SendAsync(s, mail, ct);
        return true;
    }

    /// <summary>A subscription canceled at period end whose period is over becomes Expired.</summary>
    public async Task<bool> ExpireAsync(long id, CancellationToken ct)
    {
        var s = await LoadAsync(id, ct);
        if (s is null || !s.IsLive || !s.CancelAtPeriodEnd || Now < s.CurrentPeriodEnd) return false;
        var wasTrial = s.Status == SubscriptionStatus.Trialing;
        history.Add(s, SubscriptionMachine.Expire(s, Now));
        if (!await SaveAsync(ct)) return false;
        var plan = s.Price!.Plan!.Name;
        await history.SendAsync(s, emails.Ended(await EmailAsync(s, ct), plan, wasTrial
            ? $"Your {plan} trial has ended, as you asked. Nothing was charged."
            : $"Your {plan} subscription has ended, as you asked, at the end of the period you paid for."), ct);
        return true;
    }

    private Task<MemberSubscription?> LoadAsync(long id, CancellationToken ct) =>
        db.Set<MemberSubscription>().Include(s => s.Price).ThenInclude(p => p!.Plan).FirstOrDefaultAsync(s => s.Id == id, ct);

    private async Task<string> EmailAsync(MemberSubscription s, CancellationToken ct) =>
        await db.Set<BillingCustomer>().Where(c => c.UserId == s.UserId).Select(c => c.Email).SingleAsync(ct);

    /// <summary>False when another instance changed the subscription first: nothing of ours is kept.</summary>
    private async Task<bool> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
