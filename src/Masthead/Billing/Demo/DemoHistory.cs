using Masthead.Accounts;
using Masthead.Billing.Gateway;
using Masthead.Billing.Invoices;
using Masthead.Billing.Plans;
using Masthead.Billing.Subscriptions;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Billing.Demo;

/// <summary>Writes subscriptions with a past straight into the billing tables (the engine's transitions happen at
/// "now", so they cannot write history). Each <see cref="Story"/> is played forward to now: trial, reminder,
/// paid periods with receipts, cancellation and expiry, or failed charges and dunning, with the history events
/// and emails the engine would have recorded. Invoices are numbered in date order from the gapless counter.</summary>
internal sealed class DemoHistory(MastheadDb db, BillingOptions options, DateTime now)
{
    public enum Ending { Live, CancelTrial, CancelAfterPaid, FailAfterPaid }

    /// <summary>A subscription's life. <paramref name="ChargeFails"/>: the card on file is declined on every
    /// charge (Stripe's 0341); <paramref name="PaidPeriods"/> is used for CancelAfterPaid and FailAfterPaid.</summary>
    public sealed record Story(Price Price, DateTime CreatedAt, Ending Ending, bool ChargeFails = false, int PaidPeriods = 0);

    public static Story ProMember(DateTime now, Price annual) => new(annual, now.AddDays(-200), Ending.Live);

    public static Story TrialingMember(DateTime now, Price annual) => new(annual, now.AddDays(3 - annual.TrialDays), Ending.Live);

    /// <summary>Monthly, one month paid, the renewal failed 30 hours ago and the first retry too: in dunning.</summary>
    public static Story PastDueMember(DateTime now, Price monthly) =>
        new(monthly, now.AddHours(-30).AddMonths(-1).AddDays(-monthly.TrialDays), Ending.FailAfterPaid, ChargeFails: true, PaidPeriods: 1);

    /// <summary>Forty members who started over the last year, about one every eight days, with a fixed mix of
    /// outcomes (annual and monthly payers, cancellations, canceled trials, failed cards), four whose trial ended in
    /// the last month, and five in trial now.</summary>
    public static IReadOnlyList<Story> Plan(DateTime now, Price annual, Price monthly)
    {
        var stories = new List<Story>();
        for (var i = 0; i < 40; i++)
        {
            var created = now.AddDays(-(350 - i * 8)).AddHours(-(i * 5 % 11));
            stories.Add((i % 8) switch
            {
                0 or 1 or 2 => new Story(annual, created, Ending.Live),
                3 => new Story(monthly, created, Ending.Live),
                4 => new Story(monthly, created, Ending.CancelAfterPaid, PaidPeriods: 2 + i % 3),
                5 => new Story(annual, created, Ending.CancelTrial),
                6 => new Story(annual, created, Ending.Live, ChargeFails: true),
                _ => i % 16 == 7
                    ? new Story(monthly, created, Ending.FailAfterPaid, ChargeFails: true, PaidPeriods: 3)
                    : new Story(annual, created, Ending.Live),
            });
        }
        // Trials that ended in the last month, so the current conversion and MRR move too.
        stories.Add(new Story(monthly, now.AddDays(-27), Ending.Live));
        stories.Add(new Story(annual, now.AddDays(-22), Ending.CancelTrial));
        stories.Add(new Story(annual, now.AddDays(-16), Ending.Live));
        stories.Add(new Story(annual, now.AddDays(-11), Ending.Live));
        for (var d = 1; d <= 5; d++) stories.Add(new Story(d % 2 == 0 ? monthly : annual, now.AddDays(-d).AddHours(-d), Ending.Live));
        return stories;
    }

    private sealed record PendingEvent(DateTime At, string Type, Func<string> Detail);

    private sealed class Built(MemberSubscription s, User user, Story story)
    {
        public MemberSubscription Subscription { get; } = s;
        public User User { get; } = user;
        public Story Story { get; } = story;
        public List<Invoice> Invoices { get; } = [];
        public List<PendingEvent> Events { get; } = [];
        public Invoice? Open { get; set; }
    }

    public async Task WriteAsync(IReadOnlyList<(Story Story, User User)> stories, CancellationToken ct)
    {
        var built = stories.Select(x => Play(x.Story, x.User)).ToList();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var counter = await db.Set<InvoiceCounter>().SingleAsync(c => c.Id == 1, ct);
        foreach (var invoice in built.SelectMany(b => b.Invoices).OrderBy(i => i.CreatedAt))
        {
            counter.Last++;
            invoice.Sequence = counter.Last;
            invoice.Number = InvoiceNumbers.Format(options.InvoicePrefix, counter.Last);
        }
        foreach (var b in built) db.Add(b.Subscription);
        await db.SaveChangesAsync(ct);

        var n = 0;
        foreach (var b in built)
        {
            var s = b.Subscription;
            n++;
            foreach (var invoice in b.Invoices) { invoice.SubscriptionId = s.Id; db.Add(invoice); }
            foreach (var e in b.Events.OrderBy(e => e.At))
            {
                db.Add(new BillingEvent { SubscriptionId = s.Id, UserId = s.UserId, At = e.At, Type = e.Type, Detail = e.Detail() });
            }
            db.Add(new BillingCustomer
            {
                UserId = s.UserId, Email = b.User.Email!, Gateway = "test", GatewayCustomerId = $"cus_demo_{n:0000}",
                PaymentMethodId = $"pm_demo_{n:0000}", CardBrand = "Visa", CardLast4 = b.Story.ChargeFails ? "0341" : "4242",
                CardExpMonth = 12, CardExpYear = s.CreatedAt.Year + 4, CreatedAt = s.CreatedAt,
            });
            // The test gateway decides charges from this row, so the demo's renewals and retries work after a restart.
            db.Add(new TestPaymentMethod
            {
                Id = $"pm_demo_{n:0000}", CustomerId = $"cus_demo_{n:0000}", Brand = "Visa", Last4 = b.Story.ChargeFails ? "0341" : "4242",
                ExpMonth = 12, ExpYear = s.CreatedAt.Year + 4, CreatedAt = s.CreatedAt,
                Behaviour = b.Story.ChargeFails ? "card_declined" : TestCards.ChargeSucceeds,
            });
            // And refunds from the admin check the demo's paid invoices against these charges, as for real ones.
            foreach (var paid in b.Invoices.Where(i => i.GatewayChargeId is not null))
            {
                db.Add(new TestCharge
                {
                    Id = paid.GatewayChargeId!, IdempotencyKey = "demo-" + paid.GatewayChargeId, CustomerId = $"cus_demo_{n:0000}",
                    PaymentMethodId = $"pm_demo_{n:0000}", AmountMinor = paid.AmountPaidMinor, Currency = paid.Currency,
                    AmountRefundedMinor = paid.AmountRefundedMinor, CreatedAt = paid.PaidAt ?? s.CreatedAt,
                });
            }
            foreach (var key in TrialKeys.For(s.UserId, b.User.Email!, null))
            {
                db.Add(new TrialClaim { Key = key, UserId = s.UserId, SubscriptionId = s.Id, At = s.CreatedAt });
            }
        }
        await db.SaveChangesAsync(ct);
        foreach (var b in built.Where(b => b.Open is not null)) b.Subscription.OpenInvoiceId = b.Open!.Id;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private Built Play(Story story, User user)
    {
        var price = story.Price;
        var plan = price.Plan!.Name;
        var trialEnd = story.CreatedAt.AddDays(price.TrialDays);
        var s = new MemberSubscription
        {
            UserId = user.Id, PriceId = price.Id, Seats = 1, Status = SubscriptionStatus.Trialing, CreatedAt = story.CreatedAt,
            TrialEnd = trialEnd, CurrentPeriodStart = story.CreatedAt, CurrentPeriodEnd = trialEnd,
        };
        var b = new Built(s, user, story);
        void Event(DateTime at, string type, string detail) => b.Events.Add(new PendingEvent(at, type, () => detail));
        var card = story.ChargeFails ? "0341" : "4242";
        Event(story.CreatedAt, "trial started", $"{plan}, {price.TrialDays} days, card Visa •••• {card}");
        Event(story.CreatedAt, "email sent: trial-started", "Your PRO trial has started");

        if (story.Ending == Ending.CancelTrial)
        {
            var canceledAt = Min(story.CreatedAt.AddDays(2), now);
            s.CancelAtPeriodEnd = true;
            s.CanceledAt = canceledAt;
            Event(canceledAt, "canceled at period end", "");
            Event(canceledAt, "email sent: subscription-canceled", "Your PRO subscription is canceled");
            if (trialEnd <= now) End(b, SubscriptionStatus.Expired, trialEnd, "expired", Event);
            return b;
        }
        var reminder = trialEnd.AddDays(-options.TrialReminderDaysBefore);
        if (reminder <= now)
        {
            s.TrialReminderSentAt = reminder;
            Event(reminder, "trial reminder due", $"charge on {trialEnd:d MMMM yyyy}");
            Event(reminder, "email sent: trial-reminder", "Your PRO trial ends soon");
        }
        if (trialEnd > now) return b;

        var start = trialEnd;
        var paid = 0;
        var target = story.Ending == Ending.Live ? (story.ChargeFails ? 0 : int.MaxValue) : story.PaidPeriods;
        while (paid < target && start <= now)
        {
            var end = price.PeriodEndFrom(start);
            var invoice = NewInvoice(b, price, start, end);
            invoice.Status = InvoiceStatus.Paid;
            invoice.PaidAt = start;
            invoice.AmountPaidMinor = invoice.TotalMinor;
            invoice.GatewayChargeId = $"ch_demo_{user.Id[..8]}_{paid}";
            b.Events.Add(new PendingEvent(start, paid == 0 ? "trial converted" : "renewed", () => $"invoice {invoice.Number} paid {invoice.Total}"));
            b.Events.Add(new PendingEvent(start, "email sent: receipt", () => $"Receipt {invoice.Number}"));
            s.Status = SubscriptionStatus.Active;
            (s.CurrentPeriodStart, s.CurrentPeriodEnd) = (start, end);
            start = end;
            paid++;
        }
        if (start > now) return b; // live and paid up (or canceling and not yet at its end)

        if (story.Ending == Ending.CancelAfterPaid)
        {
            var canceledAt = s.CurrentPeriodStart.AddDays(10);
            s.CancelAtPeriodEnd = true;
            s.CanceledAt = canceledAt;
            Event(canceledAt, "canceled at period end", "");
            Event(canceledAt, "email sent: subscription-canceled", "Your PRO subscription is canceled");
            End(b, SubscriptionStatus.Expired, start, "expired", Event);
            return b;
        }

        // The charge at `start` failed: past due, retried on the dunning schedule, canceled after the last retry.
        var failedEnd = price.PeriodEndFrom(start);
        var open = NewInvoice(b, price, start, failedEnd);
        open.Status = InvoiceStatus.Open;
        s.Status = SubscriptionStatus.PastDue;
        (s.CurrentPeriodStart, s.CurrentPeriodEnd) = (start, failedEnd);
        s.FirstFailedAt = start;
        b.Events.Add(new PendingEvent(start, "past due", () => $"invoice {open.Number}: card_declined"));
        Event(start, "email sent: payment-failed", "Your payment for PRO did not go through");
        var days = options.DunningRetryDays;
        foreach (var d in days)
        {
            var at = start.AddDays(d);
            if (at > now) break;
            s.RetryCount++;
            if (s.RetryCount == days.Length)
            {
                open.Status = InvoiceStatus.Void;
                s.FirstFailedAt = null;
                s.RetryCount = 0;
                b.Events.Add(new PendingEvent(at, "canceled after failed payments", () => $"invoice {open.Number} voided after {plan} payment failed: card_declined"));
                s.CanceledAt = at;
                End(b, SubscriptionStatus.Canceled, at, null, Event);
                return b;
            }
            b.Events.Add(new PendingEvent(at, "retry failed", () => $"retry {s.RetryCount} of invoice {open.Number}: card_declined"));
            Event(at, "email sent: payment-failed", "Your payment for PRO did not go through");
        }
        s.NextRetryAt = start.AddDays(days[s.RetryCount]);
        b.Open = open;
        return b;
    }

    private static void End(Built b, SubscriptionStatus status, DateTime at, string? type, Action<DateTime, string, string> add)
    {
        b.Subscription.Status = status;
        b.Subscription.EndedAt = at;
        if (type is not null) add(at, type, "");
        add(at, "email sent: subscription-ended", "Your PRO subscription has ended");
    }

    private Invoice NewInvoice(Built b, Price price, DateTime start, DateTime end)
    {
        var invoice = new Invoice
        {
            Number = "", UserId = b.Subscription.UserId, Currency = price.Currency, SubtotalMinor = price.AmountMinor,
            TotalMinor = price.AmountMinor, PeriodStart = start, PeriodEnd = end, CreatedAt = start,
            Lines = [new InvoiceLine
            {
                Description = $"{price.Plan!.Name}, {start:d MMM yyyy} to {end:d MMM yyyy}", Quantity = 1,
                UnitAmountMinor = price.AmountMinor, AmountMinor = price.AmountMinor,
            }],
        };
        b.Invoices.Add(invoice);
        return invoice;
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
