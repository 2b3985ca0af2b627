using Masthead.Data;
using Masthead.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Content.Admin.Pages;

internal sealed class TagEditModel(MastheadDb db, IOutputCacheStore cache) : PageModel
{
    public sealed record TagInput
    {
        public string? Name { get; set; }
        public string? Slug { get; set; }
        public TagKind? Kind { get; set; }
        public string? Description { get; set; }
    }

    [BindProperty] public TagInput Input { get; set; } = new();
    public int? TagId { get; private set; }
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string? notice, CancellationToken ct)
    {
        if (!AdminIds.TryParse(id, out var tagId)) return NotFound();
        if (tagId is { } existing)
        {
            var t = await db.Tags.AsNoTracking().FirstOrDefaultAsync(x => x.Id == existing, ct);
            if (t is null) return NotFound();
            Input = new TagInput { Name = t.Name, Slug = t.Slug, Kind = t.Kind, Description = t.Description };
        }
        TagId = tagId;
        Notice = Masthead.Admin.AdminNotices.For(notice);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        if (!AdminIds.TryParse(id, out var tagId)) return NotFound();
        TagId = tagId;
        Tag? tag = null;
        if (tagId is { } existing && (tag = await db.Tags.FirstOrDefaultAsync(t => t.Id == existing, ct)) is null) return NotFound();

        ModelState.Remove("Input.Kind");
        var name = Input.Name?.Trim() ?? "";
        if (name.Length == 0) ModelState.AddModelError("Input.Name", "Enter the tag's name.");
        else if (name.Length > 200) ModelState.AddModelError("Input.Name", "Keep the name under 200 characters.");
        var (slug, slugError) = await SlugField.CheckAsync(Input.Slug, name, s => db.Tags.AnyAsync(x => x.Slug == s && x.Id != (tagId ?? 0), ct));
        if (slugError is not null) ModelState.AddModelError("Input.Slug", slugError);
        if (Input.Kind is not { } kind || !Enum.IsDefined(kind)) ModelState.AddModelError("Input.Kind", "Choose the kind of tag.");
        if ((Input.Description?.Trim().Length ?? 0) > 1000) ModelState.AddModelError("Input.Description", "Keep the description under 1,000 characters.");
        if (ModelState.ErrorCount > 0) return Page();

        tag ??= db.Tags.Add(new Tag { Slug = slug, Name = name }).Entity;
        tag.Slug = slug;
        tag.Name = name;
        tag.Kind = Input.Kind!.Value;
        tag.Description = Input.Description?.Trim() ?? "";
        await db.SaveChangesAsync(ct);
        await cache.EvictByTagAsync(SiteModule.ContentCacheTag, ct);
        return Redirect($"/admin/tags/{tag.Id}?notice=saved");
    }
}
