using System.Net;
using Masthead.Accounts;
using Masthead.Content;
using Masthead.Membership;
using Masthead.Operations;
using Masthead.Tests.Support;
using Spectre.Console;

namespace Masthead.Tests.Content.Search;

public sealed class SearchPageTests
{
    [Theory, ClassData(typeof(Databases))]
    public async Task The_search_page_lists_results_with_highlighted_snippets_facets_that_filter_and_removable_filters(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.CreateArticleAsync("Drone strikes near the border", body: "Observers counted the drone sorties.", sectionSlug: "security", tagSlugs: ["levant"]);
        await app.CreateArticleAsync("Drone makers court buyers", sectionSlug: "markets");
        await app.SetTagKindAsync("levant", TagKind.Region, "Levant");
        await app.RebuildIndexAsync();
        var client = app.CreateBrowserClient();

        var page = await client.GetOkAsync("/search?q=sorties");
        Assert.Contains("1 result for", page);
        Assert.Contains("href=\"/articles/drone-strikes-near-the-border\"", page);
        Assert.Contains("<mark>sorties</mark>", page);

        page = await client.GetOkAsync("/search?q=drone");
        Assert.Contains("2 results for", page);
        Assert.Contains("<h3>Region</h3>", page);
        Assert.Contains("href=\"/search?q=drone&amp;section=security\"", page);
        Assert.Contains("href=\"/search?q=drone&amp;tag=levant\"", page);

        page = await client.GetOkAsync("/search?q=drone&section=markets");
        Assert.Contains("1 result for", page);
        Assert.Contains("drone-makers-court-buyers", page);
        Assert.DoesNotContain("drone-strikes-near-the-border", page);
        Assert.Contains("href=\"/search?q=drone\"", page); // removes the section filter
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task An_empty_query_gets_help_and_a_query_without_results_gets_suggestions(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.CreateArticleAsync("Anything", sectionSlug: "diplomacy");
        var client = app.CreateBrowserClient();

        var empty = await client.GetOkAsync("/search");
        Assert.Contains("What are you looking for?", empty);
        Assert.Contains("href=\"/sections/diplomacy\"", empty);
        Assert.Contains("What are you looking for?", await client.GetOkAsync("/search?q=%22*%28-"));

        var none = await client.GetOkAsync("/search?q=zeppelin&tag=nowhere");
        Assert.Contains("No articles match", none);
        Assert.Contains("Search again without filters", none);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task Html_in_the_query_is_encoded_on_the_page(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = app.CreateBrowserClient();
        var page = await client.GetOkAsync("/search?q=" + Uri.EscapeDataString("<script>alert(1)</script> \"><img src=x>"));
        Assert.DoesNotContain("<script>alert", page);
        Assert.DoesNotContain("<img src=x>", page);
        Assert.Contains("&lt;script&gt;", page);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task Queries_with_engine_syntax_and_arabic_render_and_right_to_left_results_carry_lang_and_dir(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.CreateArticleAsync("محادثات الطاقة في عمّان", body: "تحدث الوزراء عن الغاز.", language: "ar", slug: "energy-talks-ar");
        await app.RebuildIndexAsync();
        var client = app.CreateBrowserClient();
        foreach (var q in new[] { "\"", "*", "-", "AND", "(", "a\"b*c", "الغاز AND (" })
        {
            await client.GetOkAsync("/search?q=" + Uri.EscapeDataString(q));
        }
        var page = await client.GetOkAsync("/search?q=" + Uri.EscapeDataString("الغاز"));
        Assert.Contains("href=\"/articles/energy-talks-ar\" lang=\"ar\" dir=\"rtl\"", page);
        Assert.Contains("class=\"snippet\" lang=\"ar\" dir=\"rtl\"", page);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task A_page_past_the_last_is_not_found(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.CreateArticleAsync("Lone result");
        await app.RebuildIndexAsync();
        var (status, _) = await app.CreateBrowserClient().FetchAsync("/search?q=lone&page=5");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task The_rebuild_verb_fills_the_index_from_the_articles(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.CreateArticleAsync("Grain corridor reopens");
        Assert.Empty(await app.SlugsAsync("grain")); // written past the editor: not indexed yet

        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No });
        Assert.Equal(Cli.Ok, await Cli.RunAsync(app.Services, ["search", "rebuild"], console));
        Assert.Contains("Indexed 1 article(s).", output.ToString());
        Assert.Equal(["grain-corridor-reopens"], await app.SlugsAsync("grain"));
    }
}
