using System.Security.Claims;
using Masthead.Data;
using Masthead.Membership;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Events.Questions;

/// <summary>One question as the event page lists it. <see cref="Voted"/>: the reader already voted for it.</summary>
public sealed record QuestionItem(long Id, string AskerName, string Text, int Votes, bool Answered, bool Mine, bool Voted);

/// <summary>What the panel shows. <see cref="MayTakePart"/>: the reader may ask and vote now (the event takes
/// questions and they have a confirmed place, or are staff).</summary>
public sealed record QuestionsPanelView(string Slug, EventPhase Phase, bool SignedIn, bool MayTakePart, string? ClosedReason,
    IReadOnlyList<QuestionItem> Shown, IReadOnlyList<QuestionItem> Waiting, string? Notice, string? Error, string? Draft);

/// <summary>The "Questions" section of a live Q&amp;A's page: approved questions by votes, then those answered; the
/// reader's own questions waiting for moderation (to them only); the ask form and upvote buttons for members who may
/// take part. Its forms post to <see cref="QuestionActionsModel"/>, which answers with a redirect back here and the
/// outcome in temp data. Nothing for an in-person event.</summary>
public sealed class QuestionsPanel(MastheadDb db, TimeProvider time) : ViewComponent
{
    public const string NoticeKey = "QuestionNotice";
    public const string ErrorKey = "QuestionError";
    public const string DraftKey = "QuestionDraft";
    /// <summary>Bounds the list; a session takes a few dozen.</summary>
    private const int Limit = 200;

    public async Task<IViewComponentResult> InvokeAsync(Event ev, ReaderTier tier, EventRegistration? registration)
    {
        if (ev.Kind != EventKind.LiveQa) return Content("");
        var ct = HttpContext.RequestAborted;
        var now = time.GetUtcNow().UtcDateTime;
        var userId = UserClaimsPrincipal.Identity?.IsAuthenticated == true ? UserClaimsPrincipal.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        var closed = EventQuestions.ClosedReason(ev, now);
        var mayTakePart = userId is not null && closed is null && EventQuestions.MayTakePart(ev, registration, tier);

        var rows = await db.Set<EventQuestion>().AsNoTracking()
            .Where(q => q.EventId == ev.Id && (q.Status == QuestionStatus.Approved || q.Status == QuestionStatus.Answered
                || (userId != null && q.UserId == userId && q.Status == QuestionStatus.Pending)))
            .OrderBy(q => q.Status == QuestionStatus.Answered).ThenByDescending(q => q.Votes).ThenBy(q => q.CreatedAt).ThenBy(q => q.Id)
            .Select(q => new { q.Id, q.AskerName, q.Text, q.Votes, q.Status, q.UserId })
            .Take(Limit).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var voted = userId is null ? [] : (await db.Set<EventQuestionVote>().AsNoTracking()
            .Where(v => v.UserId == userId && ids.Contains(v.QuestionId)).Select(v => v.QuestionId).ToListAsync(ct)).ToHashSet();
        var items = rows.Select(r => new QuestionItem(r.Id, r.AskerName, r.Text, r.Votes, r.Status == QuestionStatus.Answered,
            r.UserId == userId, voted.Contains(r.Id))).ToList();
        var shown = items.Where((_, i) => rows[i].Status != QuestionStatus.Pending).ToList();
        var waiting = items.Where((_, i) => rows[i].Status == QuestionStatus.Pending).OrderBy(q => q.Id).ToList();

        return View("/Events/Questions/QuestionsPanel.cshtml", new QuestionsPanelView(ev.Slug, ev.PhaseAt(now), userId is not null,
            mayTakePart, closed, shown, waiting, TempData[NoticeKey] as string, TempData[ErrorKey] as string, TempData[DraftKey] as string));
    }
}
