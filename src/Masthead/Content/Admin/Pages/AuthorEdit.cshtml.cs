using Masthead.Accounts;
using Masthead.Data;
using Masthead.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Content.Admin.Pages;

internal sealed class AuthorEditModel(MastheadDb db, IOutputCacheStore cache) : PageModel
{
    public sealed record AuthorInput
    {
        public string? Name { get; set; }
        public string? Slug { get; set; }
        public string? Title { get; set; }
        public string? Bio { get; set; }
        public string? PhotoUrl { get; set; }
    }

    [BindProperty] public AuthorInput Input { get; set; } = new();
    public int? AuthorId { get; private set; }
    public List<(string Url, string Label)> Photos { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string? notice, CancellationToken ct)
    {
        if (!AdminIds.TryParse(id, out var authorId)) return NotFound();
        if (authorId is { } existing)
        {
            var a = await db.Authors.AsNoTracking().FirstOrDefaultAsync(x => x.Id == existing, ct);
            if (a is null) return NotFound();
            Input = new AuthorInput { Name = a.Name, Slug = a.Slug, Title = a.Title, Bio = a.Bio, PhotoUrl = a.PhotoUrl };
        }
        AuthorId = authorId;
        Notice = Masthead.Admin.AdminNotices.For(notice);
        await LoadPhotosAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        if (!AdminIds.TryParse(id, out var authorId)) return NotFound();
        AuthorId = authorId;
        Author? author = null;
        if (authorId is { } existing && (author = await db.Authors.FirstOrDefaultAsync(a => a.Id == existing, ct)) is null) return NotFound();

        var name = PersonNames.Clean(Input.Name) ?? "";
        if (name.Length == 0) ModelState.AddModelError("Input.Name", "Enter the author's name.");
        else if (name.Length > 200) ModelState.AddModelError("Input.Name", "Keep the name under 200 characters.");
        var (slug, slugError) = await SlugField.CheckAsync(Input.Slug, name, s => db.Authors.AnyAsync(a => a.Slug == s && a.Id != (authorId ?? 0), ct));
        if (slugError is not null) ModelState.AddModelError("Input.Slug", slugError);
        if ((Input.Title?.Trim().Length ?? 0) > 200) ModelState.AddModelError("Input.Title", "Keep the title under 200 characters.");
        var photo = string.IsNullOrWhiteSpace(Input.PhotoUrl) ? null : Input.PhotoUrl.Trim();
        if (photo is not null && (!photo.StartsWith('/') || photo.StartsWith("//"))) ModelState.AddModelError("Input.PhotoUrl", "Pick the photo from the media library.");
        if (ModelState.ErrorCount > 0)
        {
            await LoadPhotosAsync(ct);
            return Page();
        }

        author ??= db.Authors.Add(new Author { Slug = slug, Name = name }).Entity;
        author.Slug = slug;
        author.Name = name;
        author.Title = string.IsNullOrWhiteSpace(Input.Title) ? null : Input.Title.Trim();
        author.Bio = Input.Bio?.Trim() ?? "";
        author.PhotoUrl = photo;
        await db.SaveChangesAsync(ct);
        await cache.EvictByTagAsync(SiteModule.ContentCacheTag, ct);
        return Redirect($"/admin/authors/{author.Id}?notice=saved");
    }

    private async Task LoadPhotosAsync(CancellationToken ct)
    {
        Photos = (await db.MediaAssets.AsNoTracking().OrderByDescending(m => m.UploadedAt).Take(200)
            .Select(m => new { m.FileName, m.OriginalName, m.AltText }).ToListAsync(ct))
            .Select(m => ("/media/" + m.FileName, m.AltText.Length > 0 ? $"{m.AltText} ({m.OriginalName})" : m.OriginalName)).ToList();
        if (Input.PhotoUrl is { Length: > 0 } current && Photos.All(p => p.Url != current)) Photos.Insert(0, (current, current));
    }
}
