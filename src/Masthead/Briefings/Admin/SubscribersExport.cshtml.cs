using System.Text;
using Masthead.Briefings.Import;
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
        var name = $"subscribers-{list ?? "all"}-{time.GetUtcNow():yyyyMMdd}.csv";
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(false), leaveOpen: true);
        await exporter.ExportAsync(writer, list, ct);
        await writer.FlushAsync(ct);
        return new EmptyResult();
    }
}
