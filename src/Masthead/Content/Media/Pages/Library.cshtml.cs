using System.Security.Claims;
using Masthead.Admin;
using Masthead.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Content.Media.Pages;

[UploadLimits]
internal sealed class LibraryModel(MastheadDb db, MediaStore store, NewsroomClock clock) : PageModel
{
    public const int Shown = 60;

    public sealed record Item(string Url, string OriginalName, string AltText, string ContentType, long SizeBytes,
        int? Width, int? Height, string? UploadedBy, DateTime UploadedAt);

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? AltText { get; set; }

    public List<Item> Items { get; private set; } = [];
    public int Total { get; private set; }
    public string? Notice { get; private set; }
    public long MaxBytes => store.MaxBytes;
    public NewsroomClock Clock => clock;

    public async Task OnGetAsync(string? notice, CancellationToken ct)
    {
        Notice = AdminNotices.For(notice);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(AltText))
        {
            ModelState.AddModelError(nameof(AltText), "Describe the image for readers who cannot see it.");
        }
        else if (AltText.Trim().Length > 300)
        {
            ModelState.AddModelError(nameof(AltText), "Keep the alt text under 300 characters.");
        }
        else
        {
            var result = await store.SaveAsync(Upload, AltText, User.FindFirstValue(ClaimTypes.Email) ?? User.Identity?.Name, ct);
            if (result.Succeeded) return Redirect("/admin/media?notice=uploaded");
            ModelState.AddModelError(nameof(Upload), result.Error!);
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Total = await db.MediaAssets.CountAsync(ct);
        Items = await db.MediaAssets.AsNoTracking().OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id).Take(Shown)
            .Select(m => new Item("/media/" + m.FileName, m.OriginalName, m.AltText, m.ContentType, m.SizeBytes,
                m.Width, m.Height, m.UploadedBy, m.UploadedAt))
            .ToListAsync(ct);
    }
}
