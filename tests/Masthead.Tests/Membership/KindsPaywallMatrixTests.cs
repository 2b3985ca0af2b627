using Masthead.Content;
using Masthead.Tests.Content;
using Masthead.Tests.Content.Kinds;
using Masthead.Tests.Support;
using Masthead.Content.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Masthead.Tests.Membership.PaywallMatrixTests;

namespace Masthead.Tests.Membership;

// ==========================================================================================================
// THE PAYWALL MATRIX, FOR MEMOS AND TREND REPORTS. The same PRO piece as PaywallMatrixTests (slug, title, section,
// tag, briefing edition), made a memo whose secret sentence sits in a memo part (Why it matters) and not in the
// body, or a trend report whose sentence is in its body; checked on every channel of the matrix plus the channels
// the kinds add (their listings, their feeds, search narrowed to the kind), for every role.
// ==========================================================================================================
public sealed class KindsPaywallMatrixTests
{
    private static Channel[] KindChannels(ArticleKind kind) =>
    [
        new("memos listing", Shows.Never, (f, c) => c.GetOkAsync("/memos")),
        new("memos RSS", Shows.Never, (f, c) => c.GetOkAsync("/memos/feed.xml")),
        new("memos Atom", Shows.Never, (f, c) => c.GetOkAsync("/memos/atom.xml")),
        new("trends listing", Shows.Never, (f, c) => c.GetOkAsync("/trends")),
        new("trends RSS", Shows.Never, (f, c) => c.GetOkAsync("/trends/feed.xml")),
        new("trends Atom", Shows.Never, (f, c) => c.GetOkAsync("/trends/atom.xml")),
        new("search narrowed to the kind", Shows.ForReaders, async (f, c) =>
            Unmarked(await c.GetOkAsync($"/search?q=Kestrel+auction&kind={ArticleKinds.Slug(kind)}")), ShowsTitleWhenGated: false),
    ];

    [Theory, ClassData(typeof(Databases))]
    public Task ProMemoPartsAppearExactlyWhereEachRoleMayReadThem(Db db) =>
        RunAsync(db, ArticleKind.Memo);

    [Theory, ClassData(typeof(Databases))]
    public Task ProTrendReportBodyAppearsExactlyWhereEachRoleMayReadIt(Db db) =>
        RunAsync(db, ArticleKind.TrendReport);

    private static async Task RunAsync(Db db, ArticleKind kind)
    {
        await using var app = await PaywallSupport.StartAsync(db, new() { ["Site:OutputCacheSeconds"] = "600" });
        var fixture = await SeedAsync(app);
        await app.WithDbAsync(async d =>
        {
            var article = await d.Articles.SingleAsync(a => a.Slug == PaywallMatrixTests.Slug);
            article.Kind = kind;
            if (kind == ArticleKind.Memo)
            {
                // The sentence moves out of the body into a part: the teaser (the body's lead) stays, the parts are gated.
                article.BodyMarkdown = $"{Lead}\n\nThe second paragraph sets out the numbers.\n\nA third paragraph of context.";
                article.BodyHtml = $"<p>{Lead}</p>\n<p>The second paragraph sets out the numbers.</p>\n<p>A third paragraph of context.</p>\n";
                var parts = new TestMemo(BottomLine: "The swap matters for winter supply.", WhyItMatters: $"{Sentence}, say three traders.");
                article.Memo = new ArticleMemo();
                article.Memo.CopyFrom(parts, app.Services.GetRequiredService<MemoRenderer>().ToHtml(parts, new Dictionary<string, string>()));
            }
            await d.SaveChangesAsync();
        });
        await ReindexAsync(app);

        var failures = new List<string>();
        foreach (var role in Enum.GetValues<Role>())
        {
            var client = await app.ClientAsync(role);
            foreach (var channel in Channels.Concat(KindChannels(kind)))
            {
                var text = await channel.Fetch(fixture, client);
                var expected = channel.Body == Shows.ForReaders && PaywallSupport.ReadsPro(role);
                if (text.Contains(Sentence, StringComparison.Ordinal) != expected)
                {
                    failures.Add($"{kind}: {channel.Name} as {role}: body {(expected ? "missing" : "leaked")}");
                }
                if (channel.Body == Shows.ForReaders && channel.ShowsTitleWhenGated && !expected && !text.Contains("Tanker swap memo", StringComparison.Ordinal))
                {
                    failures.Add($"{kind}: {channel.Name} as {role}: not even the title is there");
                }
            }
            // The piece is listed where its kind is, and only there.
            var own = await client.GetOkAsync(kind == ArticleKind.Memo ? "/memos" : "/trends");
            var other = await client.GetOkAsync(kind == ArticleKind.Memo ? "/trends" : "/memos");
            if (!own.Contains($"/articles/{PaywallMatrixTests.Slug}", StringComparison.Ordinal) || other.Contains($"/articles/{PaywallMatrixTests.Slug}", StringComparison.Ordinal))
            {
                failures.Add($"{kind}: listed in the wrong kind's listing as {role}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static async Task ReindexAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var id = await app.WithDbAsync(d => d.Articles.Where(a => a.Slug == PaywallMatrixTests.Slug).Select(a => a.Id).SingleAsync());
        await scope.ServiceProvider.GetRequiredService<ISearchIndex>().IndexAsync(id, TestContext.Current.CancellationToken);
    }
}
