using Masthead.Data;
using Masthead.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Content.Admin.Pages;

internal sealed class SectionEditModel(MastheadDb db, IOutputCacheStore cache) : PageModel
{
    public sealed record SectionInput
    {
        public string? Name { get; set; }
        public string? Slug { get; set; }
        public string? Description { get; set; }
        public int Position { get; set; }
    }

    [BindProperty] public SectionInput Input { get; set; } = new();
    public int? SectionId { get; private set; }
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string? notice, CancellationToken ct)
    {
        if (!AdminIds.TryParse(id, out var sectionId)) return NotFound();
        if (sectionId is { } existing)
        {
            var s = await db.Sections.AsNoTracking().FirstOrDefaultAsync(x => x.Id == existing, ct);
            if (s is null) return NotFound();
            Input = new SectionInput { Name = s.Name, Slug = s.Slug, Description = s.Description, Position = s.Position };
        }
        else
        {
            Input.Position = (await db.Sections.MaxAsync(s => (int?)s.Position, ct) ?? 0) + 1;
        }
        SectionId = sectionId;
        Notice = Masthead.Admin.AdminNotices.For(notice);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        if (!AdminIds.TryParse(id, out var sectionId)) return NotFound();
        SectionId = sectionId;
        Section? section = null;
        if (sectionId is { } existing && (section = await db.Sections.FirstOrDefaultAsync(s => s.Id == existing, ct)) is null) return NotFound();

        if (!ModelState.IsValid && ModelState["Input.Position"]?.Errors.Count > 0)
        {
            ModelState.Remove("Input.Position");
            ModelState.AddModelError("Input.Position", "Enter the position as a whole number.");
        }
        var name = Input.Name?.Trim() ?? "";
        if (name.Length == 0) ModelState.AddModelError("Input.Name", "Enter the section's name.");
        else if (name.Length > 200) ModelState.AddModelError("Input.Name", "Keep the name under 200 characters.");
        var (slug, slugError) = await SlugField.CheckAsync(Input.Slug, name, s => db.Sections.AnyAsync(x => x.Slug == s && x.Id != (sectionId ?? 0), ct));
        if (slugError is not null) ModelState.AddModelError("Input.Slug", slugError);
        if ((Input.Description?.Trim().Length ?? 0) > 1000) ModelState.AddModelError("Input.Description", "Keep the description under 1,000 characters.");
        if (ModelState.ErrorCount > 0) return Page();

        section ??= db.Sections.Add(new Section { Slug = slug, Name = name }).Entity;
        section.Slug = slug;
        section.Name = name;
        section.Description = Input.Description?.Trim() ?? "";
        section.Position = Input.Position;
        await db.SaveChangesAsync(ct);
        await cache.EvictByTagAsync(SiteModule.ContentCacheTag, ct);
        return Redirect($"/admin/sections/{section.Id}?notice=saved");
    }
}
