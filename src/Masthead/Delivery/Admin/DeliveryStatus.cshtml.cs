using Masthead.Data;
using Masthead.Delivery.Dkim;
using Masthead.Delivery.Outbox;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Delivery.Admin;

internal sealed record EditionSend(long EditionId, string Subject, OutboxCounts Counts);

internal sealed record RecentProblem(long Id, string ToAddress, OutboxStatus Status, int Attempts, string? LastError, DateTime NextAttemptAt);

/// <summary>One sender on the page: the site's own (Mail:FromAddress) or a briefing's.</summary>
internal sealed record SenderRow(string Name, AlignmentCheck Check);

/// <summary>/admin/delivery: where every send stands. While anything is queued, in flight or deferred the
/// page asks the browser to reload every few seconds (a Refresh header: no script under our CSP);
/// ?refresh=off stops it for readers who need the page still. It also says whether each sender can pass DMARC (see
/// Dkim/FromAlignment).</summary>
internal sealed class DeliveryStatusModel(MastheadDb db, FromAlignment alignment, IOptions<MailOptions> mail, IOptions<DkimOptions> dkim) : PageModel
{
    public const int RefreshSeconds = 5;

    public OutboxCounts Overall { get; private set; } = new(0, 0, 0, 0, 0, 0, 0);
    public List<EditionSend> Editions { get; private set; } = [];
    public List<RecentProblem> Problems { get; private set; } = [];
    public bool Refreshing { get; private set; }
    public List<SenderRow> Senders { get; private set; } = [];
    public DkimOptions Dkim => dkim.Value;
    public bool RefusesBulk => alignment.RefusesBulk;

    [FromQuery(Name = "refresh")] public string? Refresh { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Overall = await OutboxProgress.OverallAsync(db, ct);
        var byEdition = await OutboxProgress.ByEditionAsync(db, take: 20, ct);
        var ids = byEdition.Select(e => e.EditionId).ToList();
        var subjects = await db.Editions.AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.Subject }).ToDictionaryAsync(e => e.Id, e => e.Subject, ct);
        Editions = byEdition.Select(e => new EditionSend(e.EditionId, subjects.GetValueOrDefault(e.EditionId) ?? $"Edition {e.EditionId}", e.Counts)).ToList();
        Problems = await db.Outbox.AsNoTracking()
            .Where(o => o.LastError != null && o.Status != OutboxStatus.Sent && o.Status != OutboxStatus.Suppressed)
            .OrderByDescending(o => o.Id).Take(20)
            .Select(o => new RecentProblem(o.Id, o.ToAddress, o.Status, o.Attempts, o.LastError, o.NextAttemptAt))
            .ToListAsync(ct);
        var lists = await db.BriefingLists.AsNoTracking().Where(l => l.IsActive).OrderBy(l => l.Position).ThenBy(l => l.Name)
            .Select(l => new { l.Name, l.FromAddress }).ToListAsync(ct);
        Senders = [new SenderRow("Site mail (sign-in links, receipts)", alignment.Check(mail.Value.FromAddress)),
            .. lists.Select(l => new SenderRow(l.Name, alignment.Check(l.FromAddress)))];
        Refreshing = Overall.InProgress && Refresh != "off";
        if (Refreshing) Response.Headers["Refresh"] = RefreshSeconds.ToString();
    }

    public static string Describe(OutboxStatus status, int attempts) => status switch
    {
        OutboxStatus.Queued when attempts > 0 => "Deferred",
        _ => status.ToString(),
    };
}
