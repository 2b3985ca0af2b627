using Masthead.Demo;
using Masthead.Events;
using Masthead.Tests.Content;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Events.Questions;

public sealed class DemoQuestionsTests
{
    [Fact]
    public async Task TheDemoLiveQaShowsItsApprovedQuestionsMostVotesFirstAndHidesThePendingOne()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, new() { ["Demo:Enabled"] = "true" });
        var questions = await app.WithDbAsync(d => d.Set<EventQuestion>().AsNoTracking()
            .Where(q => d.Set<Event>().Any(e => e.Id == q.EventId && e.Slug == DemoEvents.LiveQaSlug)).ToListAsync(TestContext.Current.CancellationToken));
        var approved = questions.Where(q => q.Status == QuestionStatus.Approved).OrderByDescending(q => q.Votes).ThenBy(q => q.CreatedAt).ToList();
        Assert.InRange(approved.Count, 4, 6);
        Assert.All(approved, q => Assert.True(q.Votes > 0));
        var pending = Assert.Single(questions, q => q.Status == QuestionStatus.Pending);

        var page = await app.CreateBrowserClient().GetOkAsync($"/events/{DemoEvents.LiveQaSlug}");

        var positions = approved.Select(q => page.IndexOf(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(q.Text), StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        // Most votes first; a tie keeps the order the questions were asked in.
        Assert.Equal(positions.Order().ToList(), positions);
        Assert.DoesNotContain(pending.Text, page);
    }
}
