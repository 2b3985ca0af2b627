using System.Text.RegularExpressions;
using Masthead.Data;
using Masthead.Membership;
using Masthead.Site;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Events.Questions;

/// <summary>What an ask, a vote or a moderation did: <see cref="Ok"/> false means nothing changed, and
/// <see cref="Message"/> says why in words a member or an editor can act on.</summary>
public sealed record QuestionResult(bool Ok, string Message);

/// <summary>A live Q&amp;A's questions: members who may take part ask and upvote; staff approve, reject, merge and mark
/// them answered (see README.md, "Questions"). A vote is a row whose key (question, member) makes a second one
/// impossible, and <see cref="EventQuestion.Votes"/> moves only by a conditional UPDATE in the same transaction, so
/// concurrent votes all count and a refused one counts nothing. Every status change is conditional on the status it
/// was read in: two editors acting on one question at once cannot both act.</summary>
public sealed partial class EventQuestions(MastheadDb db, IOutputCacheStore cache, TimeProvider time)
{
    public const int MinLength = 3;
    public const int MaxLength = 500;
    /// <summary>Questions one member may have waiting for moderation at one event.</summary>
    public const int MaxPending = 5;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Staff, or a member with a confirmed place who may attend the event.</summary>
    public static bool MayTakePart(Event ev, EventRegistration? registration, ReaderTier tier) =>
        tier == ReaderTier.Staff
        || registration is { Status: RegistrationStatus.Confirmed } && registration.EventId == ev.Id && EventAccess.MayAttend(ev, tier);

    /// <summary>Null when the event takes questions now (a published live Q&amp;A, scheduled or live); else why not.</summary>
    public static string? ClosedReason(Event? ev, DateTime now) =>
        ev is null || !ev.IsVisibleAt(now) ? "This event is not open for questions."
        : ev.Kind != EventKind.LiveQa ? "Questions are taken only for live Q&A events."
        : ev.PhaseAt(now) switch
        {
            EventPhase.Canceled => "This event was canceled: it takes no more questions.",
            EventPhase.Ended => "This event has ended: it takes no more questions or votes.",
            _ => null,
        };

    public async Task<QuestionResult> AskAsync(int eventId, string userId, ReaderTier tier, string? text, CancellationToken ct)
    {
        var now = Now;
        var ev = await db.Set<Event>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, ct);
        if (ClosedReason(ev, now) is { } closed) return No(closed);
        if (!await MayTakePartAsync(ev!, userId, tier, ct)) return No(NotRegistered);
        if (Clean(text, out var clean) is { } problem) return No(problem);

        var mine = await db.Set<EventQuestion>().AsNoTracking().Where(q => q.EventId == eventId && q.UserId == userId)
            .Select(q => new { q.Status, q.Text }).ToListAsync(ct);
        if (mine.Any(q => q.Status != QuestionStatus.Rejected && string.Equals(q.Text, clean, StringComparison.OrdinalIgnoreCase)))
        {
            return No("You have already asked this question.");
        }
        if (mine.Count(q => q.Status == QuestionStatus.Pending) >= MaxPending)
        {
            return No($"You already have {MaxPending} questions waiting for moderation. Ask more once staff have looked at them.");
        }
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        name = string.IsNullOrWhiteSpace(name) ? "A member" : name.Trim();
        db.Add(new EventQuestion
        {
            EventId = eventId, UserId = userId, AskerName = name.Length > 200 ? name[..200] : name, Text = clean,
            Status = QuestionStatus.Pending, CreatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        const string thanks = "Thank you: your question is waiting for moderation. Once approved it appears in the list for everyone.";
        return new(true, LooksLikeMarkup(clean) ? thanks + " It is shown as plain text, exactly as you typed it: tags in it are not run or formatted." : thanks);
    }

    public async Task<QuestionResult> VoteAsync(long questionId, string userId, ReaderTier tier, CancellationToken ct)
    {
        var q = await db.Set<EventQuestion>().AsNoTracking().Where(x => x.Id == questionId)
            .Select(x => new { x.EventId, x.UserId, x.Status }).SingleOrDefaultAsync(ct);
        if (q is null) return No("This question does not exist.");
        var ev = await db.Set<Event>().AsNoTracking().SingleAsync(e => e.Id == q.EventId, ct);
        if (ClosedReason(ev, Now) is { } closed) return No(closed);
        if (!await MayTakePartAsync(ev, userId, tier, ct)) return No("Only members registered for this Q&A may vote. Register first.");
        if (q.Status != QuestionStatus.Approved)
        {
            return No(q.Status == QuestionStatus.Answered ? "This question has been answered: it takes no more votes." : "Only approved questions take votes.");
        }
        if (q.UserId == userId) return No("You cannot vote for your own question.");
        if (await db.Set<EventQuestionVote>().AnyAsync(v => v.QuestionId == questionId && v.UserId == userId, ct)) return No(AlreadyVoted);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var counted = await db.Set<EventQuestion>().Where(x => x.Id == questionId && x.Status == QuestionStatus.Approved)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Votes, x => x.Votes + 1), ct);
        if (counted == 0)
        {
            await tx.RollbackAsync(ct);
            return No("This question no longer takes votes.");
        }
        db.Add(new EventQuestionVote { QuestionId = questionId, UserId = userId, CreatedAt = Now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same member voting twice at once: the other request's row (and count) stands.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return No(AlreadyVoted);
        }
        // No cache eviction per vote: the signed-out page's counts may lag by the cache's seconds, as its phase does.
        await tx.CommitAsync(ct);
        return new(true, "Your vote was counted.");
    }

    public Task<QuestionResult> ApproveAsync(int eventId, long questionId, string staff, CancellationToken ct) =>
        MoveAsync(eventId, questionId, QuestionStatus.Approved, [QuestionStatus.Pending, QuestionStatus.Rejected], staff,
            "Approved: the question is on the event page.", ct);

    public Task<QuestionResult> RejectAsync(int eventId, long questionId, string staff, CancellationToken ct) =>
        MoveAsync(eventId, questionId, QuestionStatus.Rejected, [QuestionStatus.Pending, QuestionStatus.Approved], staff,
            "Rejected: the question is not shown.", ct);

    public Task<QuestionResult> MarkAnsweredAsync(int eventId, long questionId, string staff, CancellationToken ct) =>
        MoveAsync(eventId, questionId, QuestionStatus.Answered, [QuestionStatus.Pending, QuestionStatus.Approved], staff,
            "Marked answered: the event page shows it as answered.", ct);

    /// <summary>Folds a question (pending or approved) into an approved one of the same event that asks the same: its
    /// voters become the target's, except those who already voted for the target and the target's own asker, so no
    /// member counts twice; the target's count is then recounted from its rows. The merged question keeps its own
    /// rows as a record.</summary>
    public async Task<QuestionResult> MergeAsync(int eventId, long questionId, long intoId, string staff, CancellationToken ct)
    {
        if (questionId == intoId) return No("A question cannot be merged into itself.");
        var both = await db.Set<EventQuestion>().AsNoTracking().Where(x => (x.Id == questionId || x.Id == intoId) && x.EventId == eventId)
            .Select(x => new { x.Id, x.UserId, x.Status }).ToListAsync(ct);
        var source = both.SingleOrDefault(x => x.Id == questionId);
        var target = both.SingleOrDefault(x => x.Id == intoId);
        if (source is null) return No("This question does not exist.");
        if (target is null) return No("Choose an approved question of this event to merge into.");
        if (source.Status is not (QuestionStatus.Pending or QuestionStatus.Approved)) return No($"This question is already {Word(source.Status)}: nothing changed.");
        if (target.Status != QuestionStatus.Approved) return No($"The question to merge into is {Word(target.Status)}, not approved: nothing changed.");

        var now = Now;
        var moved = 0;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var was = source.Status;
            var changed = await db.Set<EventQuestion>().Where(x => x.Id == questionId && x.Status == was)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, QuestionStatus.Merged).SetProperty(x => x.MergedIntoId, intoId)
                    .SetProperty(x => x.ModeratedAt, now).SetProperty(x => x.ModeratedBy, Staff(staff)), ct);
            if (changed == 0)
            {
                await tx.RollbackAsync(ct);
                return No("Someone else moderated this question meanwhile: nothing changed. Reload to see it.");
            }
            var voters = await db.Set<EventQuestionVote>().AsNoTracking()
                .Where(v => v.QuestionId == questionId && v.UserId != target.UserId
                    && !db.Set<EventQuestionVote>().Any(t => t.QuestionId == intoId && t.UserId == v.UserId))
                .Select(v => new { v.UserId, v.CreatedAt }).ToListAsync(ct);
            foreach (var v in voters) db.Add(new EventQuestionVote { QuestionId = intoId, UserId = v.UserId, CreatedAt = v.CreatedAt });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // A voter voted for the target at this very moment: try again and their vote is kept once.
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return No("A member voted at the same moment: nothing changed. Try the merge again.");
            }
            var recounted = await db.Set<EventQuestion>().Where(x => x.Id == intoId && x.Status == QuestionStatus.Approved)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Votes, x => db.Set<EventQuestionVote>().Count(v => v.QuestionId == x.Id)), ct);
            if (recounted == 0)
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return No("The question to merge into was moderated meanwhile: nothing changed.");
            }
            await tx.CommitAsync(ct);
            moved = voters.Count;
        }
        await EvictAsync(ct);
        return new(true, moved == 1 ? "Merged: 1 vote moved to the question it repeats." : $"Merged: {moved} votes moved to the question it repeats.");
    }

    private async Task<QuestionResult> MoveAsync(int eventId, long questionId, QuestionStatus to, QuestionStatus[] from, string staff,
        string done, CancellationToken ct)
    {
        var current = await db.Set<EventQuestion>().AsNoTracking().Where(x => x.Id == questionId && x.EventId == eventId)
            .Select(x => (QuestionStatus?)x.Status).SingleOrDefaultAsync(ct);
        if (current is not { } status) return No("This question does not exist.");
        if (!from.Contains(status)) return No($"This question is {Word(status)}: nothing changed.");
        var now = Now;
        var changed = await db.Set<EventQuestion>().Where(x => x.Id == questionId && x.Status == status)
            .ExecuteUpdateAsync(s =>
            {
                s.SetProperty(x => x.Status, to).SetProperty(x => x.ModeratedAt, now).SetProperty(x => x.ModeratedBy, Staff(staff));
                if (to == QuestionStatus.Answered) s.SetProperty(x => x.AnsweredAt, now);
            }, ct);
        if (changed == 0) return No("Someone else moderated this question meanwhile: nothing changed. Reload to see it.");
        await EvictAsync(ct);
        return new(true, done);
    }

    /// <summary>Plain text on one line: whitespace runs become one space; control characters are refused. Markup is
    /// kept as the member typed it and is only ever written encoded.</summary>
    public static string? Clean(string? text, out string clean)
    {
        clean = Whitespace().Replace(text ?? "", " ").Trim();
        if (clean.Length == 0) return "Write your question first.";
        if (clean.Any(char.IsControl)) return "Your question cannot contain control characters.";
        if (clean.Length < MinLength) return $"A question needs at least {MinLength} characters.";
        if (clean.Length > MaxLength) return $"Keep your question to {MaxLength} characters (it has {clean.Length}).";
        return null;
    }

    /// <summary>A tag such as &lt;script&gt; or &lt;b&gt;: the asker is told it stays text (comparisons like "x &lt; 5" are not tags).</summary>
    public static bool LooksLikeMarkup(string text) => MarkupTag().IsMatch(text);

    [GeneratedRegex(@"</?[A-Za-z][A-Za-z0-9-]*[\s/>]")]
    private static partial Regex MarkupTag();

    public static string Word(QuestionStatus status) => status switch
    {
        QuestionStatus.Pending => "waiting for moderation",
        QuestionStatus.Approved => "approved",
        QuestionStatus.Rejected => "rejected",
        QuestionStatus.Answered => "answered",
        _ => "merged into another",
    };

    private const string NotRegistered = "Only members registered for this Q&A may ask questions. Register first.";
    private const string AlreadyVoted = "You have already voted for this question.";

    private async Task<bool> MayTakePartAsync(Event ev, string userId, ReaderTier tier, CancellationToken ct) =>
        MayTakePart(ev, await db.Set<EventRegistration>().AsNoTracking().SingleOrDefaultAsync(r => r.EventId == ev.Id && r.UserId == userId, ct), tier);

    /// <summary>The signed-out event page is output-cached: it must show the list as it now is.</summary>
    private async Task EvictAsync(CancellationToken ct) => await cache.EvictByTagAsync(SiteModule.ContentCacheTag, ct);

    private static string Staff(string staff) => staff.Length > 256 ? staff[..256] : staff;

    private static QuestionResult No(string message) => new(false, message);

    // Unicode whitespace, line breaks included (\s in .NET matches them all).
    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
