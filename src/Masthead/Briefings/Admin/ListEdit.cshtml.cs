using Cronos;
using Masthead.Briefings.Editions;
using Masthead.Briefings.Templates;
using Masthead.Content.Admin;
using Masthead.Data;
using Masthead.Delivery;
using Masthead.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Masthead.Briefings.Admin;

/// <summary>Edits a briefing: wording, sender, schedule, rules and templates. Everything is checked before
/// anything is saved; templates are parsed and rendered against a sample edition so an error shows here,
/// never at send time.</summary>
internal sealed class ListEditModel(MastheadDb db, BriefingTemplates templates, IOptions<SiteOptions> site, TimeProvider time,
    Microsoft.AspNetCore.OutputCaching.IOutputCacheStore cache) : PageModel
{
    public sealed record ListInput
    {
        public string? Name { get; set; }
        public string? Slug { get; set; }
        public string? Description { get; set; }
        public string? Cadence { get; set; }
        public string? Schedule { get; set; }
        public string? TimeZone { get; set; }
        public bool AutoSend { get; set; }
        public bool IsActive { get; set; }
        public string? FromName { get; set; }
        public string? FromAddress { get; set; }
        public string? ReplyTo { get; set; }
        public List<string> Sections { get; set; } = [];
        public List<string> Tags { get; set; } = [];
        public int MaxItems { get; set; } = 8;
        public string? SubjectTemplate { get; set; }
        public string? HtmlTemplate { get; set; }
        public string? TextTemplate { get; set; }
    }

    public sealed record Choice(string Slug, string Name);

    [BindProperty] public ListInput Input { get; set; } = new();
    public int ListId { get; private set; }
    public string? Notice { get; private set; }
    /// <summary>The stored schedule in words and its next run in the list's zone, for the hint under the field.</summary>
    public string? NextRun { get; private set; }
    public IReadOnlyList<Choice> SectionChoices { get; private set; } = [];
    public IReadOnlyList<Choice> TagChoices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, string? notice, CancellationToken ct)
    {
        var l = await db.BriefingLists.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (l is null) return NotFound();
        ListId = id;
        Input = new ListInput
        {
            Name = l.Name, Slug = l.Slug, Description = l.Description, Cadence = l.Cadence, Schedule = l.Schedule, TimeZone = l.TimeZone,
            AutoSend = l.AutoSend, IsActive = l.IsActive, FromName = l.FromName, FromAddress = l.FromAddress, ReplyTo = l.ReplyTo,
            Sections = [.. EditionBuilder.Words(l.RuleSections)], Tags = [.. EditionBuilder.Words(l.RuleTags)], MaxItems = l.RuleMaxItems,
            SubjectTemplate = l.SubjectTemplate, HtmlTemplate = l.HtmlTemplate, TextTemplate = l.TextTemplate,
        };
        Notice = notice == "saved" ? "Saved." : null;
        if (BriefingScheduler.NextRun(l.Schedule, l.TimeZone, time.GetUtcNow().UtcDateTime) is { } next)
        {
            NextRun = $"{CronWords.Describe(l.Schedule)}; next run {Zones.ToLocal(next, l.TimeZone):ddd d MMM yyyy, HH:mm} ({l.TimeZone}).";
        }
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var list = await db.BriefingLists.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (list is null) return NotFound();
        ListId = id;
        await LoadChoicesAsync(ct);
        if (ModelState["Input.MaxItems"]?.Errors.Count > 0)
        {
            ModelState.Remove("Input.MaxItems");
            ModelState.AddModelError("Input.MaxItems", "Enter the number of items as a whole number.");
        }

        var name = Input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200) ModelState.AddModelError("Input.Name", "Enter a name of at most 200 characters.");
        var (slug, slugError) = await SlugField.CheckAsync(Input.Slug, name, s => db.BriefingLists.AnyAsync(x => x.Slug == s && x.Id != id, ct));
        if (slugError is not null) ModelState.AddModelError("Input.Slug", slugError);
        if ((Input.Description?.Length ?? 0) > 1000) ModelState.AddModelError("Input.Description", "Keep the description under 1,000 characters.");
        if ((Input.Cadence?.Length ?? 0) > 100) ModelState.AddModelError("Input.Cadence", "Keep the cadence under 100 characters.");

        var schedule = string.IsNullOrWhiteSpace(Input.Schedule) ? null : Input.Schedule.Trim();
        if (schedule is not null && (schedule.Length > 100 || !CronExpression.TryParse(schedule, out _)))
        {
            ModelState.AddModelError("Input.Schedule", "This is not a valid five-field cron expression, e.g. “0 7 * * *” for 07:00 every day.");
        }
        var zone = Input.TimeZone?.Trim() ?? "";
        if (!Zones.IsValid(zone) || zone.Length > 64) ModelState.AddModelError("Input.TimeZone", "Enter a time zone this server knows, e.g. “Asia/Dubai” or “UTC”.");

        var fromName = Input.FromName?.Trim() ?? "";
        if (fromName.Length is 0 or > 200 || Mailer.HasLineBreak(Input.FromName)) ModelState.AddModelError("Input.FromName", "Enter the sender's name on one line.");
        var fromAddress = Input.FromAddress?.Trim() ?? "";
        if (!IsAddress(Input.FromAddress)) ModelState.AddModelError("Input.FromAddress", "Enter the sender's email address, e.g. briefings@example.com.");
        var replyTo = string.IsNullOrWhiteSpace(Input.ReplyTo) ? null : Input.ReplyTo.Trim();
        if (replyTo is not null && !IsAddress(Input.ReplyTo)) ModelState.AddModelError("Input.ReplyTo", "Enter a valid reply-to address or leave it empty.");

        var sections = Input.Sections.Where(s => SectionChoices.Any(c => c.Slug == s)).Distinct().ToList();
        var tags = Input.Tags.Where(s => TagChoices.Any(c => c.Slug == s)).Distinct().ToList();
        if (Input.MaxItems is < 1 or > 100) ModelState.AddModelError("Input.MaxItems", "Choose between 1 and 100 items.");

        if ((Input.SubjectTemplate?.Length ?? 0) > 500) ModelState.AddModelError("Input.SubjectTemplate", "Keep the subject template under 500 characters.");
        var s = site.Value;
        var errors = templates.Validate(Input.SubjectTemplate, Input.HtmlTemplate, Input.TextTemplate,
            TemplateModel.Sample(s.Name, s.Absolute("/"), name, Input.Description ?? ""));
        if (errors.Subject is not null) ModelState.AddModelError("Input.SubjectTemplate", errors.Subject);
        if (errors.Html is not null) ModelState.AddModelError("Input.HtmlTemplate", errors.Html);
        if (errors.Text is not null) ModelState.AddModelError("Input.TextTemplate", errors.Text);
        if (ModelState.ErrorCount > 0) return Page();

        list.Name = name;
        list.Slug = slug;
        list.Description = Input.Description?.Trim() ?? "";
        list.Cadence = Input.Cadence?.Trim() ?? "";
        list.Schedule = schedule;
        list.TimeZone = zone;
        list.AutoSend = Input.AutoSend;
        list.IsActive = Input.IsActive;
        list.FromName = fromName;
        list.FromAddress = fromAddress;
        list.ReplyTo = replyTo;
        list.RuleSections = string.Join(' ', sections);
        list.RuleTags = string.Join(' ', tags);
        list.RuleMaxItems = Input.MaxItems;
        list.SubjectTemplate = Input.SubjectTemplate?.Trim() ?? "";
        list.HtmlTemplate = Input.HtmlTemplate ?? "";
        list.TextTemplate = Input.TextTemplate ?? "";
        await db.SaveChangesAsync(ct);
        // Signup forms on cached pages name the open lists.
        await cache.EvictByTagAsync(SiteModule.ContentCacheTag, ct);
        return Redirect($"/admin/briefings/{id}?notice=saved");
    }

    private static bool IsAddress(string? value)
    {
        var a = value?.Trim();
        return !string.IsNullOrEmpty(a) && !Mailer.HasLineBreak(value) && a.Length <= 254 && a.Count(c => c == '@') == 1
            && MailboxAddress.TryParse(a, out var parsed) && parsed.Address == a;
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        SectionChoices = await db.Sections.AsNoTracking().OrderBy(x => x.Position).ThenBy(x => x.Name).Select(x => new Choice(x.Slug, x.Name)).ToListAsync(ct);
        TagChoices = await db.Tags.AsNoTracking().OrderBy(x => x.Kind).ThenBy(x => x.Name).Select(x => new Choice(x.Slug, x.Name)).ToListAsync(ct);
    }
}
