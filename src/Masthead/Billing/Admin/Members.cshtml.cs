using Masthead.Billing.Subscriptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Billing.Admin;

/// <summary>Members with filters (plan, status, trial ending within 3 days, past due), email search and paging.</summary>
internal sealed class MembersModel(MemberQueries queries) : PageModel
{
    public MemberFilter Filter { get; private set; } = new(null, null, false, null, 1);
    public MemberPage Result { get; private set; } = new([], 0, new Dictionary<SubscriptionStatus, int>(), 0);
    public IReadOnlyList<PlanChoice> Plans { get; private set; } = [];

    // "page" is also Razor Pages' own route value (the page path), so the query parameter is bound by name.
    public async Task OnGetAsync(string? plan, string? status, bool trialEnding = false, string? q = null,
        [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        // Unknown values are ignored rather than failing: the filters come from links people share.
        SubscriptionStatus? parsed = Enum.TryParse<SubscriptionStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;
        Plans = await queries.PlansAsync(ct);
        var planSlug = Plans.Any(p => p.Slug == plan) ? plan : null;
        Filter = new MemberFilter(planSlug, parsed, trialEnding, string.IsNullOrWhiteSpace(q) ? null : q.Trim(), Math.Max(1, pageNumber));
        Result = await queries.ListAsync(Filter, ct);
    }

    public int Pages => Math.Max(1, (Result.Total + MemberQueries.PageSize - 1) / MemberQueries.PageSize);

    public int Count(SubscriptionStatus s) => Result.StatusCounts.GetValueOrDefault(s);

    public string LinkTo(MemberFilter f) =>
        "/admin/members?" + string.Join("&", new[]
        {
            f.Plan is null ? null : "plan=" + Uri.EscapeDataString(f.Plan),
            f.Status is null ? null : "status=" + f.Status,
            f.TrialEndingSoon ? "trialEnding=true" : null,
            f.Email is null ? null : "q=" + Uri.EscapeDataString(f.Email),
            f.Page > 1 ? "page=" + f.Page : null,
        }.Where(x => x is not null));

    public static string StatusText(SubscriptionStatus s) => s switch
    {
        SubscriptionStatus.Trialing => "Trialing",
        SubscriptionStatus.Active => "Active",
        SubscriptionStatus.PastDue => "Past due",
        SubscriptionStatus.Canceled => "Canceled",
        _ => "Expired",
    };
}
