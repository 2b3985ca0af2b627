using Masthead.Accounts;
using Masthead.Content;
using Masthead.Membership;
using Masthead.Tests.Support;

namespace Masthead.Tests.Content.Search;

/// <summary>Search is a paywalled channel: a reader who may not read an article's body can neither see it in
/// a snippet nor find the article by a word that occurs only in its body.</summary>
public sealed class SearchPaywallTests
{
    private const string ProBody = "The ledger shows quokkazed transfers through Zanzibarite accounts.";
    private const string MembersBody = "Analysts traced wombatly flows.";

    private static async Task SeedAsync(TestApp app)
    {
        await app.CreateArticleAsync("Sovereign fund memo", access: AccessLevel.Pro, body: ProBody);
        await app.CreateArticleAsync("Sovereign fund members brief", access: AccessLevel.Members, body: MembersBody);
        await app.RebuildIndexAsync();
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task Body_words_find_gated_articles_only_for_readers_entitled_to_the_body(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await SeedAsync(app);

        Assert.Empty(await app.SlugsAsync("quokkazed", ReaderTier.Anonymous));
        Assert.Empty(await app.SlugsAsync("quokkazed", ReaderTier.Free));
        Assert.Equal(["sovereign-fund-memo"], await app.SlugsAsync("quokkazed", ReaderTier.Pro));
        Assert.Equal(["sovereign-fund-memo"], await app.SlugsAsync("quokkazed", ReaderTier.Staff));

        Assert.Empty(await app.SlugsAsync("wombatly", ReaderTier.Anonymous));
        Assert.Equal(["sovereign-fund-members-brief"], await app.SlugsAsync("wombatly", ReaderTier.Free));

        // A title word mixed with a body word does not reveal the body either.
        Assert.Empty(await app.SlugsAsync("sovereign quokkazed", ReaderTier.Free));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task Gated_articles_found_by_their_title_show_only_the_dek_to_readers_who_may_not_read_them(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await SeedAsync(app);

        foreach (var tier in new[] { ReaderTier.Anonymous, ReaderTier.Free })
        {
            var results = await app.SearchAsync("sovereign", tier);
            Assert.Equal(2, results.Total);
            var memo = results.Hits.Single(h => h.Slug == "sovereign-fund-memo");
            Assert.Equal("Dek for Sovereign fund memo", memo.Snippet.Replace(Masthead.Content.Search.SearchText.MarkOpen.ToString(), "")
                .Replace(Masthead.Content.Search.SearchText.MarkClose.ToString(), ""));
            Assert.DoesNotContain("ledger", memo.Snippet);
        }
        var proHit = (await app.SearchAsync("quokkazed", ReaderTier.Pro)).Hits.Single();
        Assert.Contains("Zanzibarite", proHit.Snippet);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task The_search_page_never_shows_a_gated_body_to_anonymous_or_free_readers_and_does_to_pro_members(Db db)
    {
        await using var app = await TestApp.StartAsync(db, services: SearchTestSupport.SignedInIsPro);
        await SeedAsync(app);

        var anonymous = app.CreateBrowserClient();
        var page = await anonymous.GetOkAsync("/search?q=sovereign");
        Assert.Contains("sovereign-fund-memo", page);
        Assert.DoesNotContain("Zanzibarite", page);
        Assert.DoesNotContain("wombatly", page);
        page = await anonymous.GetOkAsync("/search?q=zanzibarite");
        Assert.Contains("No articles match", page);
        Assert.DoesNotContain("sovereign-fund-memo", page);

        var pro = await app.SignedInClientAsync();
        page = await pro.GetOkAsync("/search?q=zanzibarite");
        Assert.Contains("href=\"/articles/sovereign-fund-memo\"", page);
        Assert.Contains("<mark>Zanzibarite</mark>", page);

        var editor = await app.SignedInClientAsync(Roles.Editor);
        Assert.Contains("quokkazed", await editor.GetOkAsync("/search?q=zanzibarite"));
    }
}
