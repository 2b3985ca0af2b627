using System.Security.Claims;
using Masthead.Data;
using Masthead.Membership;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Events.Questions;

/// <summary><c>/events/{slug}/questions</c>: ask and vote (POSTs, antiforgery as every page form). Each answers with a
/// redirect to the event page's questions panel and what happened in temp data; a refused question's text comes back
/// in the form so nothing typed is lost.</summary>
internal sealed class QuestionActionsModel(MastheadDb db, EventQuestions questions) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) =>
        await EventIdAsync(slug, ct) is null ? NotFound() : Back(slug);

    public async Task<IActionResult> OnPostAskAsync(string slug, [FromForm] string? text, CancellationToken ct)
    {
        if (await EventIdAsync(slug, ct) is not { } eventId) return NotFound();
        if (UserId is not { } userId) return Challenge();
        var result = await questions.AskAsync(eventId, userId, await HttpContext.ReaderTierAsync(ct), text, ct);
        if (!result.Ok && text is { Length: <= EventQuestions.MaxLength * 2 }) TempData[QuestionsPanel.DraftKey] = text;
        return Done(slug, result);
    }

    public async Task<IActionResult> OnPostVoteAsync(string slug, [FromForm] long questionId, CancellationToken ct)
    {
        if (await EventIdAsync(slug, ct) is not { } eventId) return NotFound();
        if (UserId is not { } userId) return Challenge();
        var ofThisEvent = await db.Set<EventQuestion>().AnyAsync(q => q.Id == questionId && q.EventId == eventId, ct);
        var result = ofThisEvent ? await questions.VoteAsync(questionId, userId, await HttpContext.ReaderTierAsync(ct), ct)
            : new QuestionResult(false, "This question does not exist.");
        return Done(slug, result);
    }

    private RedirectResult Done(string slug, QuestionResult result)
    {
        TempData[result.Ok ? QuestionsPanel.NoticeKey : QuestionsPanel.ErrorKey] = result.Message;
        return Back(slug);
    }

    private RedirectResult Back(string slug) => Redirect($"/events/{Uri.EscapeDataString(slug)}#questions");

    private Task<int?> EventIdAsync(string slug, CancellationToken ct) =>
        db.Set<Event>().Where(e => e.Slug == slug).Select(e => (int?)e.Id).FirstOrDefaultAsync(ct);

    private string? UserId => User.Identity?.IsAuthenticated == true ? User.FindFirstValue(ClaimTypes.NameIdentifier) : null;
}
