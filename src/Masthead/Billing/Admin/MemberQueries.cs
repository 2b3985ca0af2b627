using Masthead.Billing.Plans;
using Masthead.Billing.Subscriptions;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Billing.Admin;

/// <summary>Filters for the members list. "Members" are accounts with a PRO subscription; each is listed once,
/// by its latest subscription.</summary>
public sealed record MemberFilter(string? Plan, SubscriptionStatus? Status, bool TrialEndingSoon, string? Email, int Page);

public sealed record MemberRow(string UserId, string Email, string PlanName, string PlanSlug, BillingInterval Interval,
    SubscriptionStatus Status, bool CancelAtPeriodEnd, DateTime? TrialEnd, DateTime CurrentPeriodEnd, DateTime? NextRetryAt, DateTime CreatedAt);

public sealed record PlanChoice(string Slug, string Name);

/// <summary><paramref name="Page"/> is the page shown: the one asked for, or the last one when that was past the end.</summary>
public sealed record MemberPage(IReadOnlyList<MemberRow> Rows, int Total, IReadOnlyDictionary<SubscriptionStatus, int> StatusCounts,
    int TrialEndingSoon, int Page);

/// <summary>Built with an initializer, not a constructor, so EF can keep composing queries over it.</summary>
internal sealed class FilteredMember
{
    public required MemberSubscription Subscription { get; init; }
    public required Accounts.User User { get; init; }
}

/// <summary>The member list query; the engine has none for staff, so it lives with the admin pages.</summary>
public sealed class MemberQueries(MastheadDb db, TimeProvider time)
{
    public const int PageSize = 50;
    public static readonly TimeSpan TrialEndingWindow = TimeSpan.FromDays(3);

    private IQueryable<MemberSubscription> Latest() =>
        db.BillingSubscriptions.AsNoTracking().Where(s => !db.BillingSubscriptions.Any(o => o.UserId == s.UserId && o.Id > s.Id));

    public async Task<MemberPage> ListAsync(MemberFilter f, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var soon = now + TrialEndingWindow;
        var counts = await Latest().GroupBy(s => s.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var ending = await Latest().CountAsync(s => s.Status == SubscriptionStatus.Trialing && s.TrialEnd > now && s.TrialEnd <= soon, ct);

        var rows = Filtered(f, now);
        var total = await rows.CountAsync(ct);
        // A page past the end shows the last one, as the article list does; the offset never overflows.
        var pageNumber = Math.Clamp(f.Page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var page = await rows.OrderBy(r => r.User.NormalizedEmail).Skip((pageNumber - 1) * PageSize).Take(PageSize)
            .Select(r => new MemberRow(r.Subscription.UserId, r.User.Email ?? "", r.Subscription.Price!.Plan!.Name,
                r.Subscription.Price.Plan.Slug, r.Subscription.Price.Interval, r.Subscription.Status, r.Subscription.CancelAtPeriodEnd,
                r.Subscription.TrialEnd, r.Subscription.CurrentPeriodEnd, r.Subscription.NextRetryAt, r.Subscription.CreatedAt))
            .ToListAsync(ct);
        return new MemberPage(page, total, counts.ToDictionary(c => c.Key, c => c.Count), ending, pageNumber);
    }

    /// <summary>Each member's latest subscription with its account, narrowed by the filter (its page aside):
    /// the list and the CSV export read the same rows.</summary>
    internal IQueryable<FilteredMember> Filtered(MemberFilter f, DateTime now)
    {
        var soon = now + TrialEndingWindow;
        var q = Latest();
        if (!string.IsNullOrEmpty(f.Plan)) q = q.Where(s => s.Price!.Plan!.Slug == f.Plan);
        if (f.Status is { } status) q = q.Where(s => s.Status == status);
        if (f.TrialEndingSoon) q = q.Where(s => s.Status == SubscriptionStatus.Trialing && s.TrialEnd > now && s.TrialEnd <= soon);
        var rows = from s in q
                   join u in db.Users on s.UserId equals u.Id
                   select new FilteredMember { Subscription = s, User = u };
        if (!string.IsNullOrWhiteSpace(f.Email))
        {
            var needle = f.Email.Trim().ToUpperInvariant();
            rows = rows.Where(r => r.User.NormalizedEmail!.Contains(needle));
        }
        return rows;
    }

    public Task<List<PlanChoice>> PlansAsync(CancellationToken ct) =>
        db.BillingPlans.AsNoTracking().Where(p => p.Prices.Any()).OrderBy(p => p.SortOrder)
            .Select(p => new PlanChoice(p.Slug, p.Name)).ToListAsync(ct);

    public Task<string?> EmailAsync(string userId, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);

    /// <summary>The currency of an invoice, to parse a refund amount in it.</summary>
    public Task<string?> InvoiceCurrencyAsync(long invoiceId, string userId, CancellationToken ct) =>
        db.BillingInvoices.AsNoTracking().Where(i => i.Id == invoiceId && i.UserId == userId).Select(i => i.Currency).FirstOrDefaultAsync(ct);
}
