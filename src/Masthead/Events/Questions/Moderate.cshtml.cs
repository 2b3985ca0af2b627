using Masthead.Data;
using Masthead.Events.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Events.Questions;

/// <summary>/admin/events/{id}/questions: staff moderate a live Q&amp;A's questions: those waiting first, then the
/// approved by votes, then those done with. questions-refresh.js refetches the list (?handler=List, a GET that
/// changes nothing) every few seconds. Each action is a POST answered by a redirect with what it did, or by the page
/// again with the reason nothing changed.</summary>
internal sealed class ModerateModel(MastheadDb db, EventQuestions questions, TimeProvider time) : PageModel
{
    public const string NoticeKey = "ModerationNotice";
    /// <summary>Bounds the page; a session takes a few dozen questions.</summary>
    private const int Limit = 500;

    public sealed record Header(int Id, string Title, string Slug, string When, string TimeZoneId, EventKind Kind, EventPhase Phase);

    public sealed record Row(long Id, string AskerName, string Text, int Votes, QuestionStatus Status, DateTime CreatedAt,
        DateTime? ModeratedAt, string? ModeratedBy, long? MergedIntoId);

    public Header Event { get; private set; } = null!;
    public IReadOnlyList<Row> Pending { get; private set; } = [];
    public IReadOnlyList<Row> Approved { get; private set; } = [];
    public IReadOnlyList<Row> Done { get; private set; } = [];
    public string? Error { get; private set; }
    [TempData(Key = NoticeKey)] public string? Notice { get; set; }

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => PageAsync(id, ct);

    /// <summary>The list alone, for the refresh script.</summary>
    public async Task<IActionResult> OnGetListAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Response.Headers.CacheControl = "no-store";
        return Partial("/Events/Questions/_ModerationList.cshtml", this);
    }

    public Task<IActionResult> OnPostApproveAsync(int id, [FromForm] long questionId, CancellationToken ct) =>
        ActAsync(id, () => questions.ApproveAsync(id, questionId, Staff, ct), ct);

    public Task<IActionResult> OnPostRejectAsync(int id, [FromForm] long questionId, CancellationToken ct) =>
        ActAsync(id, () => questions.RejectAsync(id, questionId, Staff, ct), ct);

    public Task<IActionResult> OnPostAnswerAsync(int id, [FromForm] long questionId, CancellationToken ct) =>
        ActAsync(id, () => questions.MarkAnsweredAsync(id, questionId, Staff, ct), ct);

    public Task<IActionResult> OnPostMergeAsync(int id, [FromForm] long questionId, [FromForm] long? intoId, CancellationToken ct) =>
        ActAsync(id, () => intoId is { } into ? questions.MergeAsync(id, questionId, into, Staff, ct)
            : Task.FromResult(new QuestionResult(false, "Choose the approved question to merge into.")), ct);

    private string Staff => EventEditModel.StaffName(User);

    private async Task<IActionResult> ActAsync(int id, Func<Task<QuestionResult>> act, CancellationToken ct)
    {
        if (!await db.Set<Event>().AnyAsync(e => e.Id == id, ct)) return NotFound();
        var result = await act();
        if (result.Ok)
        {
            Notice = result.Message;
            return Redirect($"/admin/events/{id}/questions");
        }
        Error = result.Message;
        return await PageAsync(id, ct);
    }

    private async Task<IActionResult> PageAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var e = await db.Set<Event>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return false;
        Event = new Header(e.Id, e.Title, e.Slug, EventZones.FormatSpan(e.StartsAt, e.EndsAt, e.TimeZoneId), e.TimeZoneId, e.Kind,
            e.PhaseAt(time.GetUtcNow().UtcDateTime));
        var rows = await db.Set<EventQuestion>().AsNoTracking().Where(q => q.EventId == id)
            .OrderByDescending(q => q.Votes).ThenBy(q => q.CreatedAt).ThenBy(q => q.Id)
            .Select(q => new Row(q.Id, q.AskerName, q.Text, q.Votes, q.Status, q.CreatedAt, q.ModeratedAt, q.ModeratedBy, q.MergedIntoId))
            .Take(Limit).ToListAsync(ct);
        Pending = rows.Where(r => r.Status == QuestionStatus.Pending).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToList();
        Approved = rows.Where(r => r.Status == QuestionStatus.Approved).ToList();
        Done = rows.Where(r => r.Status is QuestionStatus.Answered or QuestionStatus.Rejected or QuestionStatus.Merged)
            .OrderByDescending(r => r.ModeratedAt).ThenByDescending(r => r.Id).ToList();
        return true;
    }

    public string Local(DateTime? utc) => utc is { } u ? EventZones.Format(u, Event.TimeZoneId) : "—";

    public static string Votes(int n) => n == 1 ? "1 vote" : $"{n} votes";

    public string Short(long id) => (Approved.FirstOrDefault(a => a.Id == id) ?? Done.FirstOrDefault(a => a.Id == id)) is { } r
        ? r.Text.Length > 60 ? r.Text[..60] + "…" : r.Text : $"question {id}";
}
