using Masthead.Briefings.Editions;
using Masthead.Data;
using Masthead.Delivery.Outbox;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Briefings.Admin;

internal sealed class ListEditionsModel(MastheadDb db, EditionBuilder builder) : PageModel
{
    public sealed record Row(long Id, string Subject, EditionStatus Status, string Created, string? Sent, string? SendAt, int Recipients,
        int Done, int Items);

    public int ListId { get; private set; }
    public string ListName { get; private set; } = "";
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var list = await db.BriefingLists.AsNoTracking().Where(l => l.Id == id).Select(l => new { l.Name, l.TimeZone }).FirstOrDefaultAsync(ct);
        if (list is null) return NotFound();
        ListId = id;
        ListName = list.Name;
        var editions = await db.Editions.AsNoTracking().Where(e => e.ListId == id).OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Take(100)
            .Select(e => new
            {
                e.Id, e.Subject, e.Status, e.CreatedAt, e.SentAt, e.SendAt, e.RecipientCount, Items = e.Items.Count,
                Done = db.Outbox.Count(m => m.EditionId == e.Id && m.Status != OutboxStatus.Queued && m.Status != OutboxStatus.Leased),
            })
            .ToListAsync(ct);
        string Local(DateTime utc) => $"{Zones.ToLocal(utc, list.TimeZone):d MMM yyyy HH:mm}";
        Rows = editions.Select(e => new Row(e.Id, e.Subject, e.Status, Local(e.CreatedAt), e.SentAt is { } s ? Local(s) : null,
            e.SendAt is { } a ? Local(a) : null, e.RecipientCount, e.Done, e.Items)).ToList();
        return Page();
    }

    /// <summary>Opens the open draft if there is one (one draft at a time), otherwise assembles a new one.</summary>
    public async Task<IActionResult> OnPostPrepareAsync(int id, CancellationToken ct)
    {
        var list = await db.BriefingLists.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (list is null) return NotFound();
        var open = await db.Editions.Where(e => e.ListId == id && e.Status == EditionStatus.Draft).Select(e => (long?)e.Id).FirstOrDefaultAsync(ct);
        var editionId = open ?? (await builder.PrepareAsync(list, keepEmpty: true, ct)).Id;
        return Redirect($"/admin/briefings/editions/{editionId}");
    }
}
