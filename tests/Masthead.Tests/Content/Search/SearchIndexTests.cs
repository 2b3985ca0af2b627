using Masthead.Content;
using Masthead.Content.Admin;
using Masthead.Content.Search;
using Masthead.Membership;
using Masthead.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Content.Search;

public sealed class SearchIndexTests
{
    [Theory, ClassData(typeof(Databases))]
    public async Task An_article_is_found_by_a_word_of_its_title_and_by_a_word_of_its_body(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.CreateArticleAsync("Desalination plans along the Gulf", body: "Engineers expect the membranes to last a decade.");
        await app.CreateArticleAsync("Unrelated market note", body: "Nothing about water here.");
        await app.RebuildIndexAsync();

        Assert.Equal(["desalination-plans-along-the-gulf"], await app.SlugsAsync("desalination"));
        Assert.Equal(["desalination-plans-along-the-gulf"], await app.SlugsAsync("membranes"));
        var hit = Assert.Single((await app.SearchAsync("membranes")).Hits);
        Assert.Contains($"{SearchText.MarkOpen}membranes{SearchText.MarkClose}", hit.Snippet);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task A_title_match_ranks_above_articles_that_only_mention_the_word_in_their_body(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        // The body-only pieces are newer, so date order alone would put them first.
        // A long body dilutes the title article's score the way real reporting does.
        var filler = string.Join(" ", Enumerable.Repeat("Shipments through Aqaba rose in the autumn as buyers returned.", 40));
        await app.CreateArticleAsync("Phosphate exports recover", body: filler, publishAt: app.Time.GetUtcNow().UtcDateTime.AddDays(-3));
        await app.CreateArticleAsync("Port congestion eases", body: "Phosphate and potash ships waited less. Phosphate prices rose; phosphate stocks too. Phosphate, phosphate.");
        await app.CreateArticleAsync("Shipping insurance", body: "Premiums for phosphate cargoes fell.");
        await app.RebuildIndexAsync();

        var slugs = await app.SlugsAsync("phosphate");
        Assert.Equal(3, slugs.Count);
        Assert.Equal("phosphate-exports-recover", slugs[0]);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task Facets_count_sections_and_tag_kinds_of_the_matches_and_filter_them(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.CreateArticleAsync("Refinery outage one", sectionSlug: "energy", tagSlugs: ["gulf", "iraq", "oil"]);
        await app.CreateArticleAsync("Refinery outage two", sectionSlug: "energy", tagSlugs: ["gulf", "oil"]);
        await app.CreateArticleAsync("Refinery bonds", sectionSlug: "markets", tagSlugs: ["iraq"]);
        await app.CreateArticleAsync("Refinery in the desert", sectionSlug: "markets", status: ArticleStatus.Draft, tagSlugs: ["iraq"]);
        await app.CreateArticleAsync("Unrelated piece", sectionSlug: "markets", tagSlugs: ["gulf"]);
        await app.SetTagKindAsync("gulf", TagKind.Region, "Gulf");
        await app.SetTagKindAsync("iraq", TagKind.Country, "Iraq");
        await app.SetTagKindAsync("oil", TagKind.Industry, "Oil");
        await app.RebuildIndexAsync();

        var all = await app.SearchAsync("refinery");
        Assert.Equal(3, all.Total);
        Assert.Equal([("energy", 2), ("markets", 1)], all.Sections.Select(f => (f.Slug, f.Count)).OrderBy(x => x.Slug));
        Assert.Equal([("gulf", TagKind.Region, 2), ("iraq", TagKind.Country, 2), ("oil", TagKind.Industry, 2)],
            all.Tags.Select(f => (f.Slug, f.Kind!.Value, f.Count)).OrderBy(x => x.Slug));

        var energy = await app.SearchAsync("refinery", section: "energy");
        Assert.Equal(2, energy.Total);
        Assert.Equal([("gulf", 2), ("iraq", 1), ("oil", 2)], energy.Tags.Select(f => (f.Slug, f.Count)).OrderBy(x => x.Slug));

        Assert.Equal(["refinery-outage-one"], await app.SlugsAsync("refinery", section: "energy", tags: ["iraq"]));
        Assert.Equal(["refinery-bonds"], await app.SlugsAsync("refinery", section: "markets"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task Drafts_and_pieces_scheduled_for_later_are_not_found_until_their_time_comes(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var now = app.Time.GetUtcNow().UtcDateTime;
        await app.CreateArticleAsync("Ceasefire draft", status: ArticleStatus.Draft);
        await app.CreateArticleAsync("Ceasefire scheduled", status: ArticleStatus.Scheduled, publishAt: now.AddHours(2));
        await app.RebuildIndexAsync();

        Assert.Empty(await app.SlugsAsync("ceasefire", ReaderTier.Staff));

        app.Time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(["ceasefire-scheduled"], await app.SlugsAsync("ceasefire", ReaderTier.Staff));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task Publishing_through_the_editor_indexes_and_unpublishing_removes(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var ct = TestContext.Current.CancellationToken;
        var input = new ArticleInput { Title = "Electricity grid interconnector", Dek = "A cable under the sea.", Body = "Turbines hum.", Language = "en" };
        int id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var editor = scope.ServiceProvider.GetRequiredService<ArticleEditor>();
            var saved = await editor.SaveAsync(null, input, ArticleCommand.Publish, "test", ct);
            Assert.True(saved.Succeeded);
            id = saved.ArticleId!.Value;
        }
        Assert.Equal(["electricity-grid-interconnector"], await app.SlugsAsync("interconnector"));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var editor = scope.ServiceProvider.GetRequiredService<ArticleEditor>();
            var saved = await editor.SaveAsync(id, input with { Version = 1 }, ArticleCommand.Unpublish, "test", ct);
            Assert.True(saved.Succeeded);
        }
        Assert.Empty(await app.SlugsAsync("interconnector", ReaderTier.Staff));
        Assert.True(await app.WithIndexAsync(index => index.IsEmptyAsync(ct)));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task Engine_syntax_in_a_query_is_taken_as_plain_words_and_never_fails(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.CreateArticleAsync("Tanker rates and freight", body: "Rates (spot) rose - sharply.");
        await app.CreateArticleAsync("أسعار النفط ترتفع", body: "ارتفعت أسعار النفط في الخليج.", language: "ar", slug: "oil-prices-ar");
        await app.RebuildIndexAsync();

        string[] awkward = ["\"", "*", "-", "AND", "(", ")", "tanker*", "\"tanker", "tanker AND", "OR tanker", "NOT", "-tanker",
            "title:tanker", "{title}: tanker", "NEAR(tanker rates)", "tanker^2", "'; DROP TABLE \"Articles\"; --", "a & b | !c", "<mark>", "\u0000"];
        foreach (var q in awkward)
        {
            await app.SearchAsync(q, ReaderTier.Staff); // must not throw
        }
        Assert.Equal(["tanker-rates-and-freight"], await app.SlugsAsync("tanker*"));
        Assert.Equal(["tanker-rates-and-freight"], await app.SlugsAsync("(tanker AND"));
        Assert.Equal(["tanker-rates-and-freight"], await app.SlugsAsync("\"tanker rates\""));
        Assert.Empty(await app.SlugsAsync("tanker -freight"));
        Assert.Equal(["oil-prices-ar"], await app.SlugsAsync("النفط"));
    }
}
