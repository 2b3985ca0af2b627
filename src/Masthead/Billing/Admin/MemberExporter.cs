using Masthead.Billing.Plans;
using Masthead.Billing.Subscriptions;
using Masthead.Site;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Billing.Admin;

/// <summary>Writes the members the list shows (each account once, by its latest subscription, narrowed by the same
/// filter) as CSV: email, name, plan, interval, status, started_at, current_period_end, trial_end, canceled_at,
/// cancel_at_period_end. Streams in keyset pages so 50,000 members are never held in memory; cells go through
/// <see cref="SafeCsv"/> like every export. Times are UTC.</summary>
public sealed class MemberExporter(MemberQueries queries, TimeProvider time)
{
    private const int PageSize = 2000;

    public static readonly string[] Header =
        ["email", "name", "plan", "interval", "status", "started_at", "current_period_end", "trial_end", "canceled_at", "cancel_at_period_end"];

    public async Task<int> ExportAsync(TextWriter output, MemberFilter filter, CancellationToken ct)
    {
        await using var csv = new SafeCsv(output);
        await csv.WriteRowAsync(Header);
        var rows = queries.Filtered(filter, time.GetUtcNow().UtcDateTime);
        long after = 0;
        var count = 0;
        while (true)
        {
            var page = await rows.Where(r => r.Subscription.Id > after).OrderBy(r => r.Subscription.Id).Take(PageSize)
                .Select(r => new
                {
                    r.Subscription.Id, r.User.Email, r.User.DisplayName, Plan = r.Subscription.Price!.Plan!.Slug, r.Subscription.Price.Interval,
                    r.Subscription.Status, r.Subscription.CreatedAt, r.Subscription.CurrentPeriodEnd, r.Subscription.TrialEnd,
                    r.Subscription.CanceledAt, r.Subscription.CancelAtPeriodEnd,
                })
                .ToListAsync(ct);
            if (page.Count == 0) break;
            foreach (var m in page)
            {
                await csv.WriteRowAsync(m.Email, m.DisplayName, m.Plan, m.Interval == BillingInterval.Year ? "year" : "month",
                    StatusName(m.Status), SafeCsv.Time(m.CreatedAt), SafeCsv.Time(m.CurrentPeriodEnd), SafeCsv.Time(m.TrialEnd),
                    SafeCsv.Time(m.CanceledAt), m.CancelAtPeriodEnd ? "true" : "false");
                count++;
            }
            after = page[^1].Id;
            await csv.FlushAsync();
        }
        return count;
    }

    /// <summary>Stripe's words for the states, so the file reads the same whichever gateway ran them.</summary>
    public static string StatusName(SubscriptionStatus s) => s switch
    {
        SubscriptionStatus.Trialing => "trialing",
        SubscriptionStatus.Active => "active",
        SubscriptionStatus.PastDue => "past_due",
        SubscriptionStatus.Canceled => "canceled",
        _ => "expired",
    };
}
