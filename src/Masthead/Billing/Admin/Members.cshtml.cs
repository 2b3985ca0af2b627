using Masthead.Accounts;
using Masthead.Billing.Subscriptions;
using Masthead.Site;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Billing.Admin;

/// <summary>Members with filters (plan, status, trial ending within 3 days, past due), email search and paging.
/// ?handler=Csv downloads the filtered members (every page) for admins only: editors see the list, but a file of
/// every member's address and billing state is the admin's to take away.</summary>
internal sealed class MembersModel(MemberQueries queries, MemberExporter exporter, IAuthorizationService authorization,
    TimeProvider time) : PageModel
{
    public MemberFilter Filter { get; private set; } = new(null, null, false, null, 1);
    public MemberPage Result { get; private set; } = new([], 0, new Dictionary<SubscriptionStatus, int>(), 0, 1);
    public IReadOnlyList<PlanChoice> Plans { get; private set; } = [];
    public bool CanExport { get; private set; }

    // "page" is also Razor Pages' own route value (the page path), so the query parameter is bound by name.
    public async Task OnGetAsync(string? plan, string? status, bool trialEnding = false, string? q = null,
        [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        Filter = await ReadFilterAsync(plan, status, trialEnding, q, pageNumber, ct);
        Result = await queries.ListAsync(Filter, ct);
        Filter = Filter with { Page = Result.Page };
        CanExport = await IsAdminAsync();
    }

    public async Task<IActionResult> OnGetCsvAsync(string? plan, string? status, bool trialEnding = false, string? q = null,
        CancellationToken ct = default)
    {
        if (!await IsAdminAsync()) return Forbid();
        var filter = await ReadFilterAsync(plan, status, trialEnding, q, 1, ct);
        await SafeCsv.DownloadAsync(Response, $"members-{time.GetUtcNow():yyyyMMdd}.csv", writer => exporter.ExportAsync(writer, filter, ct), ct);
        return new EmptyResult();
    }

    private async Task<MemberFilter> ReadFilterAsync(string? plan, string? status, bool trialEnding, string? q, int pageNumber,
        CancellationToken ct)
    {
        // Unknown values are ignored rather than failing: the filters come from links people share.
        SubscriptionStatus? parsed = Enum.TryParse<SubscriptionStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;
        Plans = await queries.PlansAsync(ct);
        var planSlug = Plans.Any(p => p.Slug == plan) ? plan : null;
        return new MemberFilter(planSlug, parsed, trialEnding, string.IsNullOrWhiteSpace(q) ? null : q.Trim(), Math.Max(1, pageNumber));
    }

    private async Task<bool> IsAdminAsync() => (await authorization.AuthorizeAsync(User, Policies.Admin)).Succeeded;

    public int Pages => Math.Max(1, (Result.Total + MemberQueries.PageSize - 1) / MemberQueries.PageSize);

    public int Count(SubscriptionStatus s) => Result.StatusCounts.GetValueOrDefault(s);

    public string LinkTo(MemberFilter f) => "/admin/members?" + string.Join("&", Query(f));

    /// <summary>The CSV of what this filter shows, every page of it.</summary>
    public string CsvLink(MemberFilter f) => "/admin/members?" + string.Join("&", Query(f with { Page = 1 }).Prepend("handler=Csv"));

    private static IEnumerable<string> Query(MemberFilter f) => new[]
    {
        f.Plan is null ? null : "plan=" + Uri.EscapeDataString(f.Plan),
        f.Status is null ? null : "status=" + f.Status,
        f.TrialEndingSoon ? "trialEnding=true" : null,
        f.Email is null ? null : "q=" + Uri.EscapeDataString(f.Email),
        f.Page > 1 ? "page=" + f.Page : null,
    }.OfType<string>();

    public static string StatusText(SubscriptionStatus s) => s switch
    {
        SubscriptionStatus.Trialing => "Trialing",
        SubscriptionStatus.Active => "Active",
        SubscriptionStatus.PastDue => "Past due",
        SubscriptionStatus.Canceled => "Canceled",
        _ => "Expired",
    };
}
