using Masthead.Briefings.Import;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Briefings.Admin;

/// <summary>CSV upload: our format, a Ghost members export or a Substack export, detected by the header.</summary>
[RequestSizeLimit(MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes)]
internal sealed class SubscribersImportModel(Data.MastheadDb db, SubscriberImporter importer) : PageModel
{
    public const int MaxBytes = 50 * 1024 * 1024;

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public List<int> Lists { get; set; } = [];
    /// <summary>`--confirmed`: the newsroom vouches that every address consented.</summary>
    [BindProperty] public bool Confirmed { get; set; }
    /// <summary>`--send-confirmation`: email the addresses imported as pending.</summary>
    [BindProperty] public bool SendConfirmation { get; set; }

    public sealed record ListOption(int Id, string Name);
    public IReadOnlyList<ListOption> Choices { get; private set; } = [];
    public ImportReport? Report { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Upload is null || Upload.Length == 0) ModelState.AddModelError(nameof(Upload), "Choose a CSV file to import.");
        var known = Choices.Select(c => c.Id).ToHashSet();
        Lists = Lists.Where(known.Contains).Distinct().ToList();
        if (!ModelState.IsValid) return Page();
        CsvReadResult read;
        using (var reader = new StreamReader(Upload!.OpenReadStream())) read = SubscriberCsv.Read(reader);
        Report = await importer.ImportAsync(read, new ImportOptions(Lists, Confirmed, SendConfirmation), null, ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Choices = await db.BriefingLists.AsNoTracking().OrderBy(l => l.Position).Select(l => new ListOption(l.Id, l.Name)).ToListAsync(ct);
}
