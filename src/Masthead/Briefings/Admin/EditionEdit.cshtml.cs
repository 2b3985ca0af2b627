using System.Globalization;
using Masthead.Accounts;
using Masthead.Briefings.Editions;
using Masthead.Content;
using Masthead.Data;
using Masthead.Delivery;
using Masthead.Delivery.Dkim;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Briefings.Admin;

/// <summary>An editor's desk for one edition: wording, items (reorder, remove, add), preview, a test to
/// oneself, then send or schedule. Sent editions are read-only. Every change is a POST form (no script).</summary>
internal sealed partial class EditionEditModel(MastheadDb db, EditionSender sender, EditionComposer composer, MarkdownRenderer markdown,
    FromAlignment alignment, UserManager<User> users, TimeProvider time) : PageModel
{
    public sealed record EditionInput
    {
        public string? Subject { get; set; }
        public string? Preheader { get; set; }
        public string? Intro { get; set; }
    }

    public sealed record ItemRow(int ArticleId, string Title, string Slug, AccessLevel Access, string? Section, string Published);
    public sealed record ArticleChoice(int Id, string Title, AccessLevel Access);

    [BindProperty] public EditionInput Input { get; set; } = new();
    public long EditionId { get; private set; }
    public int ListId { get; private set; }
    public string ListName { get; private set; } = "";
    public string TimeZone { get; private set; } = "UTC";
    public EditionStatus Status { get; private set; }
    public string? SendAtLocal { get; private set; }
    public string? SentAtLocal { get; private set; }
    public int RecipientCount { get; private set; }
    public IReadOnlyList<ItemRow> Items { get; private set; } = [];
    public IReadOnlyList<ArticleChoice> Recent { get; private set; } = [];
    public OutboxCounts? Counts { get; private set; }
    public int DroppedItems { get; private set; }
    public string? IntroPreview { get; private set; }
    public string? Notice { get; private set; }
    public string? Error { get; private set; }
    public bool ConfirmSend { get; private set; }
    /// <summary>Whether the list's From address can pass DMARC; said beside the send buttons when it cannot.</summary>
    public AlignmentCheck? Sender { get; private set; }
    public bool SendRefused { get; private set; }
    public bool Editable => Status is EditionStatus.Draft or EditionStatus.Scheduled;

    public async Task<IActionResult> OnGetAsync(long editionId, string? notice, string? confirm, CancellationToken ct)
    {
        if (!await LoadAsync(editionId, resetInput: true, ct)) return NotFound();
        Notice = NoticeFor(notice);
        ConfirmSend = confirm == "send" && Editable;
        if (Status == EditionStatus.Sending) Response.Headers["Refresh"] = "5";
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(long editionId, CancellationToken ct)
    {
        var edition = await db.Editions.FirstOrDefaultAsync(e => e.Id == editionId, ct);
        if (edition is null) return NotFound();
        if (edition.Status is not (EditionStatus.Draft or EditionStatus.Scheduled)) return Redirect($"/admin/briefings/editions/{editionId}?notice=readonly");
        var subject = Input.Subject?.Trim() ?? "";
        if (subject.Length is 0 or > 300 || Mailer.HasLineBreak(Input.Subject)) ModelState.AddModelError("Input.Subject", "Enter a subject of at most 300 characters on one line.");
        var preheader = Input.Preheader?.Trim() ?? "";
        if (preheader.Length > 300 || Mailer.HasLineBreak(Input.Preheader)) ModelState.AddModelError("Input.Preheader", "Keep the preheader to one line of at most 300 characters.");
        if ((Input.Intro?.Length ?? 0) > 20_000) ModelState.AddModelError("Input.Intro", "Keep the introduction under 20,000 characters.");
        if (ModelState.ErrorCount > 0)
        {
            await LoadAsync(editionId, resetInput: false, ct);
            return Page();
        }
        edition.Subject = subject;
        edition.Preheader = preheader;
        edition.Intro = Input.Intro?.Trim() ?? "";
        edition.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return Redirect($"/admin/briefings/editions/{editionId}?notice=saved");
    }

    /// <summary>Shows the introduction as readers will see it, without saving.</summary>
    public async Task<IActionResult> OnPostPreviewIntroAsync(long editionId, CancellationToken ct)
    {
        if (!await LoadAsync(editionId, resetInput: false, ct)) return NotFound();
        IntroPreview = markdown.ToHtml(Input.Intro ?? "");
        return Page();
    }

    public async Task<IActionResult> OnPostMoveAsync(long editionId, int articleId, string? direction, CancellationToken ct)
    {
        if (!await IsEditableAsync(editionId, ct)) return Readonly(editionId);
        var items = await db.EditionItems.Where(i => i.EditionId == editionId).OrderBy(i => i.Position).ToListAsync(ct);
        var index = items.FindIndex(i => i.ArticleId == articleId);
        var other = direction == "up" ? index - 1 : index + 1;
        if (index >= 0 && other >= 0 && other < items.Count)
        {
            (items[index], items[other]) = (items[other], items[index]);
            for (var p = 0; p < items.Count; p++) items[p].Position = p;
            await db.SaveChangesAsync(ct);
        }
        return Redirect($"/admin/briefings/editions/{editionId}#items");
    }

    public async Task<IActionResult> OnPostRemoveAsync(long editionId, int articleId, CancellationToken ct)
    {
        if (!await IsEditableAsync(editionId, ct)) return Readonly(editionId);
        await db.EditionItems.Where(i => i.EditionId == editionId && i.ArticleId == articleId).ExecuteDeleteAsync(ct);
        return Redirect($"/admin/briefings/editions/{editionId}?notice=removed#items");
    }

    public async Task<IActionResult> OnPostAddAsync(long editionId, int articleId, CancellationToken ct)
    {
        if (!await IsEditableAsync(editionId, ct)) return Readonly(editionId);
        var now = time.GetUtcNow().UtcDateTime;
        var visible = await db.Articles.Where(Article.VisibleAt(now)).AnyAsync(a => a.Id == articleId, ct);
        var present = await db.EditionItems.AnyAsync(i => i.EditionId == editionId && i.ArticleId == articleId, ct);
        if (!visible || present) return Redirect($"/admin/briefings/editions/{editionId}?notice=not-added#items");
        var position = (await db.EditionItems.Where(i => i.EditionId == editionId).MaxAsync(i => (int?)i.Position, ct) ?? -1) + 1;
        db.EditionItems.Add(new EditionItem { EditionId = editionId, ArticleId = articleId, Position = position });
        await db.SaveChangesAsync(ct);
        return Redirect($"/admin/briefings/editions/{editionId}?notice=added#items");
    }

    public async Task<IActionResult> OnPostSendTestAsync(long editionId, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user?.Email is not { } email) return Forbid();
        var result = await sender.SendTestAsync(editionId, email, user.DisplayName, ct);
        return result.Ok ? Redirect($"/admin/briefings/editions/{editionId}?notice=test-sent") : await WithErrorAsync(editionId, result.Error!, ct);
    }

    public async Task<IActionResult> OnPostSendNowAsync(long editionId, string? confirm, CancellationToken ct)
    {
        if (confirm != "yes") return Redirect($"/admin/briefings/editions/{editionId}?confirm=send#send");
        var result = await sender.SendNowAsync(editionId, ct);
        return result.Ok ? Redirect($"/admin/briefings/editions/{editionId}?notice=sending") : await WithErrorAsync(editionId, result.Error!, ct);
    }

    public async Task<IActionResult> OnPostScheduleAsync(long editionId, string? sendAt, CancellationToken ct)
    {
        var zone = await db.Editions.Where(e => e.Id == editionId).Select(e => e.List!.TimeZone).FirstOrDefaultAsync(ct);
        if (zone is null) return NotFound();
        if (!DateTime.TryParseExact(sendAt, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return await WithErrorAsync(editionId, "Enter the date and time to send, e.g. 2026-11-28T07:00.", ct);
        }
        var result = await sender.ScheduleAsync(editionId, Zones.ToUtc(local, zone), ct);
        return result.Ok ? Redirect($"/admin/briefings/editions/{editionId}?notice=scheduled") : await WithErrorAsync(editionId, result.Error!, ct);
    }

    public async Task<IActionResult> OnPostCancelScheduleAsync(long editionId, CancellationToken ct)
    {
        await sender.CancelScheduleAsync(editionId, ct);
        return Redirect($"/admin/briefings/editions/{editionId}?notice=unscheduled");
    }

    private Task<bool> IsEditableAsync(long editionId, CancellationToken ct) =>
        db.Editions.AnyAsync(e => e.Id == editionId && (e.Status == EditionStatus.Draft || e.Status == EditionStatus.Scheduled), ct);

    private RedirectResult Readonly(long editionId) => Redirect($"/admin/briefings/editions/{editionId}?notice=readonly");

    private async Task<IActionResult> WithErrorAsync(long editionId, string error, CancellationToken ct)
    {
        if (!await LoadAsync(editionId, resetInput: true, ct)) return NotFound();
        Error = error;
        return Page();
    }

    private static string? NoticeFor(string? key) => key switch
    {
        "saved" => "Saved.",
        "added" => "Article added.",
        "removed" => "Article removed.",
        "not-added" => "That article is not visible to readers or is already in this edition.",
        "test-sent" => "A test was sent to your address, with “[TEST]” before the subject.",
        "sending" => "Sending: the recipients are fixed and the messages are queued.",
        "scheduled" => "Scheduled.",
        "unscheduled" => "The schedule was canceled; the edition is a draft again.",
        "readonly" => "This edition has been sent or canceled and can no longer change.",
        _ => null,
    };
}
