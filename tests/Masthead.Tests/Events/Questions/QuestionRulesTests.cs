using Masthead.Events;
using Masthead.Events.Questions;
using Masthead.Membership;
using Masthead.Tests.Events.Core;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Events.Questions;

/// <summary>Who may ask and vote, what a question may hold, and what moderation does to votes: through the service,
/// on both databases.</summary>
public sealed class QuestionRulesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Why <script>alert(1)</script>?", true)]
    [InlineData("Is <b>this</b> bold?", true)]
    [InlineData("Will output fall below 5 if x < 3 and y > 2?", false)]
    [InlineData("What about <3 as a heart?", false)]
    public void MarkupInAQuestionIsToldApartFromComparisons(string text, bool markup) =>
        Assert.Equal(markup, EventQuestions.LooksLikeMarkup(text));

    [Theory, ClassData(typeof(Databases))]
    public async Task AConfirmedRegistrantAsksAndTheQuestionWaitsForModeration(Db db)
    {
        await using var app = await EventsCoreSupport.StartAsync(db);
        var ev = await app.CreateEventAsync();
        var rania = await app.RegistrantAsync(ev, "Rania Khoury");

        var result = await app.AskAsync(ev, rania, "  Will the grid links\ncarry enough power   before 2030?  ");

        Assert.True(result.Ok, result.Message);
        Assert.Contains("waiting for moderation", result.Message);
        var q = Assert.Single(await app.QuestionsAsync(ev));
        Assert.Equal("Will the grid links carry enough power before 2030?", q.Text);
        Assert.Equal(QuestionStatus.Pending, q.Status);
        Assert.Equal("Rania Khoury", q.AskerName);
        Assert.Equal(0, q.Votes);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AskingIsRefusedWithAMessageAndStoresNothingForThoseWhoMayNotAndForBadText(Db db)
    {
        await using var app = await EventsCoreSupport.StartAsync(db);
        var ev = await app.CreateEventAsync();
        var inPerson = await app.CreateEventAsync(e => (e.Kind, e.VideoUrl, e.VenueName) = (EventKind.InPerson, null, "The Ledger Room"));
        var registrant = await app.RegistrantAsync(ev, "Omar Saleh");
        var stranger = await app.MemberAsync("stranger");
        var inPersonGuest = await app.RegistrantAsync(inPerson, "Mira Aziz");

        var refusals = new (Task<QuestionResult> Ask, string Says)[]
        {
            (app.AskAsync(ev, stranger, "Why is the grid not ready?"), "registered"),
            // A confirmed place kept after PRO ended does not let a free reader in.
            (app.AskAsync(ev, registrant, "Why is the grid not ready?", ReaderTier.Free), "registered"),
            (app.AskAsync(inPerson, inPersonGuest, "Is there parking at the venue?"), "live Q&A"),
            (app.AskAsync(ev, registrant, "  "), "Write your question"),
            (app.AskAsync(ev, registrant, "ok"), "at least 3"),
            (app.AskAsync(ev, registrant, new string('x', 501)), "500 characters"),
            (app.AskAsync(ev, registrant, "Why\u0000 not?"), "control characters"),
        };
        foreach (var (ask, says) in refusals)
        {
            var result = await ask;
            Assert.False(result.Ok);
            Assert.Contains(says, result.Message);
        }
        Assert.Empty(await app.WithDbAsync(d => d.Set<EventQuestion>().ToListAsync(Ct)));

        // After the end nobody asks, registered or not.
        app.Time.SetUtcNow(ev.EndsAt.AddMinutes(1));
        var late = await app.AskAsync(ev, registrant, "What about next year?");
        Assert.False(late.Ok);
        Assert.Contains("has ended", late.Message);
        Assert.Empty(await app.WithDbAsync(d => d.Set<EventQuestion>().ToListAsync(Ct)));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task StaffMayAskWithoutAPlaceAndAMemberHasAtMostFiveWaitingAndNoRepeats(Db db)
    {
        await using var app = await EventsCoreSupport.StartAsync(db);
        var ev = await app.CreateEventAsync();
        var editor = await app.MemberAsync("editor");
        Assert.True((await app.AskAsync(ev, editor, "A question from the desk?", ReaderTier.Staff)).Ok);

        var member = await app.RegistrantAsync(ev, "Jonas Weber");
        for (var i = 1; i <= EventQuestions.MaxPending; i++) Assert.True((await app.AskAsync(ev, member, $"Question number {i}?")).Ok);
        var sixth = await app.AskAsync(ev, member, "Question number 6?");
        Assert.False(sixth.Ok);
        Assert.Contains("5 questions waiting", sixth.Message);
        var repeat = await app.AskAsync(ev, member, "question NUMBER 1?");
        Assert.False(repeat.Ok);
        Assert.Contains("already asked", repeat.Message);
        Assert.Equal(1 + EventQuestions.MaxPending, (await app.QuestionsAsync(ev)).Count);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AMemberVotesOnceForAnApprovedQuestionOfSomeoneElse(Db db)
    {
        await using var app = await EventsCoreSupport.StartAsync(db);
        var ev = await app.CreateEventAsync();
        var asker = await app.RegistrantAsync(ev, "Farid Nasser");
        var voter = await app.RegistrantAsync(ev, "Selin Kaya");
        Assert.True((await app.AskAsync(ev, asker, "Who wins the next solar tender?")).Ok);
        var id = (await app.QuestionsAsync(ev)).Single().Id;

        var early = await app.VoteAsync(id, voter);
        Assert.False(early.Ok);
        Assert.Contains("approved", early.Message);
        Assert.True((await app.ApproveAsync(ev, id)).Ok);

        Assert.True((await app.VoteAsync(id, voter)).Ok);
        var again = await app.VoteAsync(id, voter);
        Assert.False(again.Ok);
        Assert.Contains("already voted", again.Message);
        var own = await app.VoteAsync(id, asker);
        Assert.False(own.Ok);
        Assert.Contains("your own question", own.Message);
        var stranger = await app.MemberAsync("stranger");
        Assert.False((await app.VoteAsync(id, stranger)).Ok);

        Assert.Equal(1, (await app.QuestionAsync(id)).Votes);
        Assert.Equal(1, await app.VoteRowsAsync(id));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ConcurrentVotesFromManyMembersEachCountOnce(Db db)
    {
        await using var app = await EventsCoreSupport.StartAsync(db);
        var ev = await app.CreateEventAsync();
        var asker = await app.RegistrantAsync(ev, "Aisha Rahman");
        var id = await app.ApprovedAsync(ev, asker, "What does dearer gas do to water bills?");
        const int n = 8;
        var voters = new List<Masthead.Accounts.User>();
        for (var i = 0; i < n; i++) voters.Add(await app.RegistrantAsync(ev, $"Voter {i}"));

        // Each voter twice at once: every member counts, none twice.
        var results = await Task.WhenAll(voters.Concat(voters).Select(v => Task.Run(() => app.VoteAsync(id, v), Ct)));

        Assert.Equal(n, results.Count(r => r.Ok));
        Assert.Equal(n, (await app.QuestionAsync(id)).Votes);
        Assert.Equal(n, await app.VoteRowsAsync(id));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task MergingMovesVotesToTheTargetWithoutCountingAMemberTwice(Db db)
    {
        await using var app = await EventsCoreSupport.StartAsync(db);
        var ev = await app.CreateEventAsync();
        var (a, b, c, d, e) = (await app.RegistrantAsync(ev, "A"), await app.RegistrantAsync(ev, "B"), await app.RegistrantAsync(ev, "C"),
            await app.RegistrantAsync(ev, "D"), await app.RegistrantAsync(ev, "E"));
        var target = await app.ApprovedAsync(ev, a, "Are the GCC grid links big enough to matter?");
        var repeat = await app.ApprovedAsync(ev, b, "Is the Gulf interconnector large enough yet?");
        foreach (var v in new[] { c, d }) Assert.True((await app.VoteAsync(target, v)).Ok);
        // C voted for both (counted once), E only for the repeat (moves), A is the target's asker (cannot vote for it).
        foreach (var v in new[] { c, e, a }) Assert.True((await app.VoteAsync(repeat, v)).Ok);

        var merged = await app.WithAsync<QuestionResult, EventQuestions>(q => q.MergeAsync(ev.Id, repeat, target, "editor@ledger.test", Ct));

        Assert.True(merged.Ok, merged.Message);
        Assert.Contains("1 vote moved", merged.Message);
        var t = await app.QuestionAsync(target);
        Assert.Equal(3, t.Votes); // C, D, E
        Assert.Equal(3, await app.VoteRowsAsync(target));
        var r = await app.QuestionAsync(repeat);
        Assert.Equal(QuestionStatus.Merged, r.Status);
        Assert.Equal(target, r.MergedIntoId);
        Assert.Equal("editor@ledger.test", r.ModeratedBy);
        // A merged question takes no votes, and cannot be merged again.
        Assert.False((await app.VoteAsync(repeat, d)).Ok);
        var twice = await app.WithAsync<QuestionResult, EventQuestions>(q => q.MergeAsync(ev.Id, repeat, target, "editor@ledger.test", Ct));
        Assert.False(twice.Ok);
        Assert.Equal(3, (await app.QuestionAsync(target)).Votes);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task MergingIntoAQuestionThatIsNotApprovedOrOfAnotherEventChangesNothing(Db db)
    {
        await using var app = await EventsCoreSupport.StartAsync(db);
        var ev = await app.CreateEventAsync();
        var other = await app.CreateEventAsync();
        var a = await app.RegistrantAsync(ev, "A");
        var b = await app.RegistrantAsync(ev, "B");
        var elsewhere = await app.ApprovedAsync(other, await app.RegistrantAsync(other, "C"), "A question of another event?");
        Assert.True((await app.AskAsync(ev, a, "Pending question one?")).Ok);
        Assert.True((await app.AskAsync(ev, b, "Pending question two?")).Ok);
        var (one, two) = ((await app.QuestionsAsync(ev))[0].Id, (await app.QuestionsAsync(ev))[1].Id);

        foreach (var (into, says) in new[] { (two, "not approved"), (elsewhere, "Choose an approved question"), (one, "itself") })
        {
            var result = await app.WithAsync<QuestionResult, EventQuestions>(q => q.MergeAsync(ev.Id, one, into, "editor@ledger.test", Ct));
            Assert.False(result.Ok);
            Assert.Contains(says, result.Message);
        }
        Assert.All(await app.QuestionsAsync(ev), q => Assert.Equal(QuestionStatus.Pending, q.Status));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task MarkingAnsweredStampsItOnceAndEndsItsVoting(Db db)
    {
        await using var app = await EventsCoreSupport.StartAsync(db);
        var ev = await app.CreateEventAsync();
        var asker = await app.RegistrantAsync(ev, "A");
        var voter = await app.RegistrantAsync(ev, "B");
        var id = await app.ApprovedAsync(ev, asker, "How long does Baghdad's budget hold?");
        app.Time.SetUtcNow(ev.StartsAt.AddMinutes(10));

        var answered = await app.WithAsync<QuestionResult, EventQuestions>(q => q.MarkAnsweredAsync(ev.Id, id, "editor@ledger.test", Ct));

        Assert.True(answered.Ok);
        var q = await app.QuestionAsync(id);
        Assert.Equal(QuestionStatus.Answered, q.Status);
        Assert.Equal(ev.StartsAt.AddMinutes(10), q.AnsweredAt);
        var again = await app.WithAsync<QuestionResult, EventQuestions>(s => s.MarkAnsweredAsync(ev.Id, id, "other@ledger.test", Ct));
        Assert.False(again.Ok);
        Assert.Contains("answered", again.Message);
        Assert.Equal("editor@ledger.test", (await app.QuestionAsync(id)).ModeratedBy);
        var vote = await app.VoteAsync(id, voter);
        Assert.False(vote.Ok);
        Assert.Contains("answered", vote.Message);
        // Moderation names the event: a question id from another event is not found there.
        var wrongEvent = await app.WithAsync<QuestionResult, EventQuestions>(s => s.RejectAsync(ev.Id + 1000, id, "editor@ledger.test", Ct));
        Assert.False(wrongEvent.Ok);
    }
}
