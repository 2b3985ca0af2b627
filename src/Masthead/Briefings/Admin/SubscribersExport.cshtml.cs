using Masthead.Briefings.Import;
using Masthead.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Briefings.Admin;

/// <summary>GET shows the choice; ?handler=Csv streams the file (a GET: it changes nothing).</summary>
internal sealed class SubscribersExportModel(Data.MastheadDb db, SubscriberExporter exporter, TimeProvider time) : PageModel
{
    public sealed record ListOption(string Slug, string Name);
    public IReadOnlyList<ListOption> Choices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Choices = await db.BriefingLists.AsNoTracking().OrderBy(l => l.Position).Select(l => new ListOption(l.Slug, l.Name)).ToListAsync(ct);

    public async Task<IActionResult> OnGetCsvAsync(string? list, CancellationToken ct)
    {
        list = string.IsNullOrWhiteSpace(list) ? null : list;
        if (list is not null && !await db.BriefingLists.AnyAsync(l => l.Slug == list, ct)) return NotFound();
        await SafeCsv.DownloadAsync(Response, $"subscribers-{list ?? "all"}-{time.GetUtcNow():yyyyMMdd}.csv",
            writer => exporter.ExportAsync(writer, list, ct), ct);
        return new EmptyResult();
    }
}
