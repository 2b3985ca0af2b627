using Masthead.Accounts;
using Masthead.Briefings.Subscribing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Briefings.Admin;

/// <summary>The suppression list: addresses no send may reach. Staff add addresses by hand and remove
/// entries (for example after a bounce was fixed).</summary>
internal sealed class SuppressionsModel(Data.MastheadDb db, TimeProvider time) : PageModel
{
    public const int PageSize = 100;

    public sealed record Row(long Id, string Email, SuppressionReason Reason, string? Detail, DateTime CreatedAt);

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Detail { get; set; }

    public string? Q { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    [TempData] public string? Notice { get; set; }

    public Task OnGetAsync(string? q, CancellationToken ct) => LoadAsync(q, ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var email = EmailAddresses.Normalize(Email);
        if (email is null) ModelState.AddModelError(nameof(Email), "Enter a valid email address.");
        var detail = Detail?.Trim();
        if (detail is { Length: > 1000 }) ModelState.AddModelError(nameof(Detail), "Keep the note under 1,000 characters.");
        if (!ModelState.IsValid)
        {
            await LoadAsync(null, ct);
            return Page();
        }
        await BriefingSubscriptions.SuppressAsync(db, email!, SuppressionReason.Manual,
            string.IsNullOrEmpty(detail) ? "Added by " + User.Identity?.Name : detail, time.GetUtcNow().UtcDateTime, ct);
        Notice = $"{email} is suppressed.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(long id, CancellationToken ct)
    {
        var email = await db.Suppressions.Where(x => x.Id == id).Select(x => x.Email).SingleOrDefaultAsync(ct);
        if (email is null) return NotFound();
        await db.Suppressions.Where(x => x.Id == id).ExecuteDeleteAsync(ct);
        Notice = $"{email} is no longer suppressed.";
        return RedirectToPage();
    }

    private async Task LoadAsync(string? q, CancellationToken ct)
    {
        Q = q?.Trim().ToLowerInvariant();
        var query = db.Suppressions.AsNoTracking();
        if (!string.IsNullOrEmpty(Q)) query = query.Where(x => x.Email.Contains(Q));
        Total = await query.CountAsync(ct);
        Rows = await query.OrderByDescending(x => x.Id).Take(PageSize)
            .Select(x => new Row(x.Id, x.Email, x.Reason, x.Detail, x.CreatedAt)).ToListAsync(ct);
    }
}
