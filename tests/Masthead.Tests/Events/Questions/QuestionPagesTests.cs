using System.Net;
using System.Text.RegularExpressions;
using Masthead.Events;
using Masthead.Tests.Content;
using Masthead.Tests.Events.Pages;
using Masthead.Tests.Membership;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Events.Questions;

/// <summary>The questions panel on the event page and the moderation page, through the real pages and forms.</summary>
public sealed partial class QuestionPagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Script = "<script>alert('owned')</script> Why is the grid late?";

    private static Task<HttpResponseMessage> AskAsync(HttpClient client, string slug, string text) =>
        client.PostFormAsync($"/events/{slug}/questions?handler=Ask", new() { ["text"] = text }, formPage: $"/events/{slug}");

    private static Task<HttpResponseMessage> ModerateAsync(HttpClient editor, Event ev, string handler, Dictionary<string, string> fields) =>
        editor.PostFormAsync($"/admin/events/{ev.Id}/questions?handler={handler}", fields, formPage: $"/admin/events/{ev.Id}/questions");

    private static Task<List<EventQuestion>> QuestionsAsync(TestApp app, Event ev) =>
        app.WithDbAsync(d => d.Set<EventQuestion>().AsNoTracking().Where(q => q.EventId == ev.Id).OrderBy(q => q.Id).ToListAsync(Ct));

    [Theory, ClassData(typeof(Databases))]
    public async Task AQuestionWithScriptIsKeptAsTextWaitsForModerationAndOnceApprovedShowsEncoded(Db db)
    {
        await using var app = await PaywallSupport.StartAsync(db);
        var ev = await EventSeed.AddAsync(app, "gulf-power", TimeSpan.FromDays(2));
        var pro = await app.ClientAsync(Role.Pro);
        await EventSeed.ConfirmAsync(app, ev, PaywallSupport.EmailOf(Role.Pro));
        var form = await pro.GetOkAsync("/events/gulf-power");
        Assert.Contains("<h2 id=\"questions-heading\">Questions</h2>", form);
        Assert.Contains("<label for=\"question-text\">Your question</label>", form);
        Assert.Contains("maxlength=\"500\"", form);
        Assert.Contains(">Ask</button>", form);

        var asked = await AskAsync(pro, "gulf-power", Script);
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal("/events/gulf-power#questions", asked.Headers.Location?.OriginalString);
        var stored = Assert.Single(await QuestionsAsync(app, ev));
        Assert.Equal(Script, stored.Text);
        Assert.Equal(QuestionStatus.Pending, stored.Status);
        var waiting = await pro.GetOkAsync("/events/gulf-power");
        Assert.Contains("role=\"status\"", waiting);
        Assert.Contains("Waiting for moderation", waiting);
        Assert.Contains("tags in it are not run or formatted", waiting);
        Assert.DoesNotContain("<script>alert", waiting);
        // Nobody else sees a question before it is approved.
        var other = await app.ClientAsync(Role.Trialing);
        Assert.DoesNotContain("Why is the grid late?", await other.GetOkAsync("/events/gulf-power"));

        var editor = await app.ClientAsync(Role.Editor);
        var approved = await ModerateAsync(editor, ev, "Approve", new() { ["questionId"] = stored.Id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Contains("Approved", await editor.GetOkAsync($"/admin/events/{ev.Id}/questions"));

        foreach (var client in new[] { app.CreateBrowserClient(), other })
        {
            var page = await client.GetOkAsync("/events/gulf-power");
            Assert.Contains("&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt; Why is the grid late?", page);
            Assert.DoesNotContain("<script>alert", page);
        }
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ATooLongQuestionIsRefusedBesideTheFieldWithItsTextKeptAndNothingStored(Db db)
    {
        await using var app = await PaywallSupport.StartAsync(db);
        var ev = await EventSeed.AddAsync(app, "too-long", TimeSpan.FromDays(2));
        var pro = await app.ClientAsync(Role.Pro);
        await EventSeed.ConfirmAsync(app, ev, PaywallSupport.EmailOf(Role.Pro));
        var text = "Why " + new string('x', 500);

        Assert.Equal(HttpStatusCode.Redirect, (await AskAsync(pro, "too-long", text)).StatusCode);

        var page = await pro.GetOkAsync("/events/too-long");
        Assert.Contains("<p class=\"error\" role=\"alert\" id=\"question-error\">Keep your question to 500 characters (it has 504).</p>", page);
        Assert.Contains("aria-invalid=\"true\"", page);
        Assert.Contains("aria-describedby=\"question-error question-hint\">" + text + "</textarea>", page);
        Assert.Empty(await QuestionsAsync(app, ev));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheEventPageListsApprovedQuestionsMostVotesFirstAndAnUpvoteCountsOnce(Db db)
    {
        await using var app = await PaywallSupport.StartAsync(db);
        var ev = await EventSeed.AddAsync(app, "ranked", TimeSpan.FromDays(2));
        var trial = await app.ClientAsync(Role.Trialing);
        await EventSeed.ConfirmAsync(app, ev, PaywallSupport.EmailOf(Role.Trialing));
        var asker = await app.CreateUserAsync("asker@example.test");
        var now = app.Time.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async d =>
        {
            d.Set<EventQuestion>().AddRange(
                Q("Few votes question?", QuestionStatus.Approved, 1), Q("Most votes question?", QuestionStatus.Approved, 7),
                Q("Middle votes question?", QuestionStatus.Approved, 3), Q("Answered question?", QuestionStatus.Answered, 9),
                Q("Pending question of someone?", QuestionStatus.Pending, 0), Q("Rejected spam?", QuestionStatus.Rejected, 0));
            await d.SaveChangesAsync(Ct);
        });

        var page = await trial.GetOkAsync("/events/ranked");
        var order = new[] { "Most votes question?", "Middle votes question?", "Few votes question?", "Answered question?" }
            .Select(t => page.IndexOf(t, StringComparison.Ordinal)).ToList();
        Assert.All(order, i => Assert.True(i > 0));
        Assert.Equal(order.Order().ToList(), order);
        Assert.DoesNotContain("Pending question of someone?", page);
        Assert.DoesNotContain("Rejected spam?", page);
        Assert.Contains("Answered</span>", page);
        Assert.Contains("7 votes", page);
        // Three approved questions to vote for; the answered one takes no more votes.
        Assert.Equal(3, Regex.Matches(page, ">Upvote</button>").Count);
        var forms = PostForm().Matches(page).Where(f => f.Value.Contains("/questions?handler=")).ToList();
        Assert.Equal(4, forms.Count); // three upvotes and the ask form
        Assert.All(forms, f => Assert.Contains("__RequestVerificationToken", f.Value));

        var middle = (await QuestionsAsync(app, ev)).Single(q => q.Text == "Middle votes question?");
        var vote = new Dictionary<string, string> { ["questionId"] = middle.Id.ToString() };
        var voted = await trial.PostFormAsync("/events/ranked/questions?handler=Vote", vote, formPage: "/events/ranked");
        Assert.Equal(HttpStatusCode.Redirect, voted.StatusCode);
        Assert.Contains("Your vote was counted.", await trial.GetOkAsync("/events/ranked"));
        await trial.PostFormAsync("/events/ranked/questions?handler=Vote", vote, formPage: "/events/ranked");
        var after = await trial.GetOkAsync("/events/ranked");
        Assert.Contains("already voted", after);
        Assert.Contains("role=\"alert\"", after);
        Assert.Equal(4, (await QuestionsAsync(app, ev)).Single(q => q.Id == middle.Id).Votes);
        Assert.Contains("You voted for this", after);

        EventQuestion Q(string text, QuestionStatus status, int votes) => new()
        {
            EventId = ev.Id, UserId = asker.Id, AskerName = "Omar Saleh", Text = text, Status = status, Votes = votes,
            CreatedAt = now.AddMinutes(-votes),
        };
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ThoseWhoMayNotTakePartGetNoFormAndAPostAnywayStoresNothing(Db db)
    {
        await using var app = await PaywallSupport.StartAsync(db);
        var ev = await EventSeed.AddAsync(app, "members-only", TimeSpan.FromDays(2));
        var anonymous = app.CreateBrowserClient();
        var free = await app.ClientAsync(Role.Free);
        var pro = await app.ClientAsync(Role.Pro); // PRO, but not registered

        Assert.Contains("Sign in</a> to take part", await anonymous.GetOkAsync("/events/members-only"));
        foreach (var client in new[] { free, pro })
        {
            var page = await client.GetOkAsync("/events/members-only");
            Assert.DoesNotContain("Your question", page);
            Assert.Contains("to ask questions and vote", page);
            // The page offers them no form, so the token comes from their account page, as a forged post's would.
            await client.PostFormAsync("/events/members-only/questions?handler=Ask", new() { ["text"] = "Can I ask anyway?" }, formPage: "/account");
            var after = await client.GetOkAsync("/events/members-only");
            Assert.Contains("Only members registered for this Q&amp;A may ask questions.", after);
        }
        // A free reader with a place kept from their PRO days is refused as well.
        await EventSeed.ConfirmAsync(app, ev, PaywallSupport.EmailOf(Role.Free));
        await free.PostFormAsync("/events/members-only/questions?handler=Ask", new() { ["text"] = "Can I ask anyway?" }, formPage: "/account");
        Assert.Contains("Only members registered", await free.GetOkAsync("/events/members-only"));
        var tokenless = await free.PostFormWithoutTokenAsync("/events/members-only/questions?handler=Ask", new() { ["text"] = "Forged question?" });
        Assert.Equal(HttpStatusCode.BadRequest, tokenless.StatusCode);
        Assert.Empty(await QuestionsAsync(app, ev));

        // After the end, a registrant sees the list but no form.
        await EventSeed.ConfirmAsync(app, ev, PaywallSupport.EmailOf(Role.Pro));
        Assert.Contains("Your question", await pro.GetOkAsync("/events/members-only"));
        app.Time.SetUtcNow(ev.EndsAt.AddMinutes(5));
        var ended = await pro.GetOkAsync("/events/members-only");
        Assert.DoesNotContain("Your question", ended);
        Assert.Contains("Questions are closed.", ended);
        await pro.PostFormAsync("/events/members-only/questions?handler=Ask", new() { ["text"] = "A late question?" }, formPage: "/account");
        Assert.Contains("has ended", await pro.GetOkAsync("/events/members-only"));
        Assert.Empty(await QuestionsAsync(app, ev));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheModerationPageOrdersQuestionsItsFormsCarryTokensAndATokenlessPostIsRefused(Db db)
    {
        await using var app = await PaywallSupport.StartAsync(db);
        var ev = await EventSeed.AddAsync(app, "moderated", TimeSpan.FromDays(2));
        var asker = await app.CreateUserAsync("asker@example.test");
        var now = app.Time.GetUtcNow().UtcDateTime;
        var (pending, low, high) = (Q("A pending one?", QuestionStatus.Pending, 0), Q("Low approved?", QuestionStatus.Approved, 1), Q("High approved?", QuestionStatus.Approved, 5));
        await app.WithDbAsync(async d =>
        {
            d.Set<EventQuestion>().AddRange(pending, low, high, Q("Was answered?", QuestionStatus.Answered, 2));
            await d.SaveChangesAsync(Ct);
        });
        var editor = await app.ClientAsync(Role.Editor);

        var page = await editor.GetOkAsync($"/admin/events/{ev.Id}/questions");
        var order = new[] { "A pending one?", "High approved?", "Low approved?", "Was answered?" }.Select(t => page.IndexOf(t, StringComparison.Ordinal)).ToList();
        Assert.All(order, i => Assert.True(i > 0));
        Assert.Equal(order.Order().ToList(), order);
        foreach (var button in new[] { ">Approve</button>", ">Reject</button>", ">Mark answered</button>", ">Merge</button>" }) Assert.Contains(button, page);
        Assert.Contains("<label for=\"merge-" + pending.Id + "\">Merge into</label>", page);
        Assert.Contains("src=\"/js/questions-refresh.", page);
        Assert.Contains($"href=\"/admin/events/{ev.Id}/questions\">Refresh</a>", page);
        var forms = PostForm().Matches(page);
        Assert.True(forms.Count >= 6);
        Assert.All(forms, f => Assert.Contains("__RequestVerificationToken", f.Value));
        Assert.Contains($"/admin/events/{ev.Id}/questions\">Questions</a>", await editor.GetOkAsync($"/admin/events/{ev.Id}"));

        var forged = await editor.PostFormWithoutTokenAsync($"/admin/events/{ev.Id}/questions?handler=Approve", new() { ["questionId"] = pending.Id.ToString() });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(QuestionStatus.Pending, (await QuestionsAsync(app, ev)).Single(q => q.Id == pending.Id).Status);

        // Merge without choosing a target: a message, nothing changed.
        var noTarget = await ModerateAsync(editor, ev, "Merge", new() { ["questionId"] = pending.Id.ToString(), ["intoId"] = "" });
        Assert.Equal(HttpStatusCode.OK, noTarget.StatusCode);
        Assert.Contains("role=\"alert\"", await noTarget.Content.ReadAsStringAsync(Ct));
        Assert.Equal(QuestionStatus.Pending, (await QuestionsAsync(app, ev)).Single(q => q.Id == pending.Id).Status);

        var merged = await ModerateAsync(editor, ev, "Merge", new() { ["questionId"] = pending.Id.ToString(), ["intoId"] = high.Id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Contains("Merged into “High approved?”", await editor.GetOkAsync($"/admin/events/{ev.Id}/questions"));
        Assert.Equal(HttpStatusCode.Redirect, (await ModerateAsync(editor, ev, "Answer", new() { ["questionId"] = high.Id.ToString() })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ModerateAsync(editor, ev, "Reject", new() { ["questionId"] = low.Id.ToString() })).StatusCode);
        var rows = await QuestionsAsync(app, ev);
        Assert.Equal(QuestionStatus.Merged, rows.Single(q => q.Id == pending.Id).Status);
        Assert.Equal(QuestionStatus.Answered, rows.Single(q => q.Id == high.Id).Status);
        Assert.Equal(QuestionStatus.Rejected, rows.Single(q => q.Id == low.Id).Status);
        var shown = await app.CreateBrowserClient().GetOkAsync("/events/moderated");
        Assert.Contains("High approved?", shown);
        Assert.DoesNotContain("Low approved?", shown);

        EventQuestion Q(string text, QuestionStatus status, int votes) => new()
        {
            EventId = ev.Id, UserId = asker.Id, AskerName = "Mira Aziz", Text = text, Status = status, Votes = votes, CreatedAt = now.AddMinutes(-votes),
        };
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheRefreshFragmentIsTheListAloneForStaffOnly(Db db)
    {
        await using var app = await PaywallSupport.StartAsync(db);
        var ev = await EventSeed.AddAsync(app, "fragment", TimeSpan.FromDays(2));
        var pro = await app.ClientAsync(Role.Pro);
        await EventSeed.ConfirmAsync(app, ev, PaywallSupport.EmailOf(Role.Pro));
        var editor = await app.ClientAsync(Role.Editor);
        var url = $"/admin/events/{ev.Id}/questions?handler=List";
        Assert.Contains("No question is waiting.", await editor.GetOkAsync(url));

        await AskAsync(pro, "fragment", "A question <b>fresh</b> from a member?");
        var response = await editor.GetAsync(url, Ct);
        var fragment = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Contains("A question &lt;b&gt;fresh&lt;/b&gt; from a member?", fragment);
        Assert.Contains("Waiting for moderation (1)", fragment);
        Assert.DoesNotContain("<html", fragment);
        Assert.DoesNotContain("<h1", fragment);
        Assert.Contains("__RequestVerificationToken", fragment);
        var refused = await pro.GetAsync(url, Ct);
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect);
        Assert.DoesNotContain("fresh", await refused.Content.ReadAsStringAsync(Ct));
    }

    [GeneratedRegex("<form\\b[^>]*method=\"post\"[^>]*>(.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex PostForm();
}
