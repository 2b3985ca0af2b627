using Masthead.Accounts;
using Masthead.Content;
using Masthead.Tests.Support;

namespace Masthead.Tests.Content;

public sealed class AdminArticleListTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(Databases))]
    public async Task TheListFiltersByStatusSectionAndTitleWhateverTheCase(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.CreateArticleAsync("Oil tanker traffic rises", sectionSlug: "energy", authorName: "Rana Haddad");
        await app.CreateArticleAsync("Draft on OIL prices", ArticleStatus.Draft, sectionSlug: "markets");
        await app.CreateArticleAsync("Election results", sectionSlug: "politics");
        var client = await app.SignedInClientAsync(Roles.Editor);

        var search = await client.GetStringAsync("/admin/articles?q=oil", Ct);
        Assert.Contains("Oil tanker traffic rises", search);
        Assert.Contains("Draft on OIL prices", search);
        Assert.DoesNotContain("Election results", search);
        Assert.Contains("Rana Haddad", search);

        var drafts = await client.GetStringAsync("/admin/articles?status=Draft", Ct);
        Assert.Contains("Draft on OIL prices", drafts);
        Assert.DoesNotContain("Oil tanker traffic rises", drafts);

        var politics = await client.GetStringAsync("/admin/articles", Ct);
        var sectionId = System.Text.RegularExpressions.Regex.Match(politics, "<option value=\"(\\d+)\">politics</option>").Groups[1].Value;
        var inSection = await client.GetStringAsync($"/admin/articles?section={sectionId}", Ct);
        Assert.Contains("Election results", inSection);
        Assert.DoesNotContain("Oil tanker traffic rises", inSection);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheListPagesThroughManyArticles(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        for (var i = 1; i <= 27; i++) await app.CreateArticleAsync($"Brief number {i:00}");
        var client = await app.SignedInClientAsync(Roles.Editor);

        var first = await client.GetStringAsync("/admin/articles", Ct);
        Assert.Contains("Page 1 of 2", first);
        Assert.Contains("href=\"/admin/articles?p=2\"", first);
        var second = await client.GetStringAsync("/admin/articles?p=2", Ct);
        Assert.Contains("Page 2 of 2", second);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(second, "Brief number \\d\\d").Count);
    }
}
