using Masthead.Accounts;
using Masthead.Events;
using Masthead.Events.Questions;
using Masthead.Membership;
using Masthead.Tests.Events.Core;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Events.Questions;

/// <summary>Members with a confirmed place written straight into the database (registering is another suite's), and
/// the questions service in its own scope, as a request would have it.</summary>
internal static class QuestionSupport
{
    public static async Task<User> RegistrantAsync(this TestApp app, Event ev, string name)
    {
        var user = await app.MemberAsync(new string(name.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant());
        await app.WithDbAsync(async d =>
        {
            await d.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, name));
            var now = app.Time.GetUtcNow().UtcDateTime;
            d.Set<EventRegistration>().Add(new EventRegistration
            {
                EventId = ev.Id, UserId = user.Id, Status = RegistrationStatus.Confirmed, CreatedAt = now, QueuedAt = now, ConfirmedAt = now,
            });
            await d.SaveChangesAsync();
        });
        return user;
    }

    public static Task<QuestionResult> AskAsync(this TestApp app, Event ev, User user, string text, ReaderTier tier = ReaderTier.Pro) =>
        app.WithAsync<QuestionResult, EventQuestions>(q => q.AskAsync(ev.Id, user.Id, tier, text, EventsCoreSupport.Ct));

    public static Task<QuestionResult> VoteAsync(this TestApp app, long questionId, User user, ReaderTier tier = ReaderTier.Pro) =>
        app.WithAsync<QuestionResult, EventQuestions>(q => q.VoteAsync(questionId, user.Id, tier, EventsCoreSupport.Ct));

    public static Task<QuestionResult> ApproveAsync(this TestApp app, Event ev, long questionId) =>
        app.WithAsync<QuestionResult, EventQuestions>(q => q.ApproveAsync(ev.Id, questionId, "editor@ledger.test", EventsCoreSupport.Ct));

    public static Task<List<EventQuestion>> QuestionsAsync(this TestApp app, Event ev) =>
        app.WithDbAsync(d => d.Set<EventQuestion>().AsNoTracking().Where(q => q.EventId == ev.Id).OrderBy(q => q.Id).ToListAsync(EventsCoreSupport.Ct));

    public static Task<EventQuestion> QuestionAsync(this TestApp app, long id) =>
        app.WithDbAsync(d => d.Set<EventQuestion>().AsNoTracking().SingleAsync(q => q.Id == id, EventsCoreSupport.Ct));

    public static Task<int> VoteRowsAsync(this TestApp app, long questionId) =>
        app.WithDbAsync(d => d.Set<EventQuestionVote>().CountAsync(v => v.QuestionId == questionId, EventsCoreSupport.Ct));

    /// <summary>Asks as <paramref name="asker"/> and approves it; returns the question's id.</summary>
    public static async Task<long> ApprovedAsync(this TestApp app, Event ev, User asker, string text)
    {
        Assert.True((await app.AskAsync(ev, asker, text)).Ok);
        var id = (await app.QuestionsAsync(ev)).Single(q => q.Text == text).Id;
        Assert.True((await app.ApproveAsync(ev, id)).Ok);
        return id;
    }
}
