using System.Net;
using System.Text.RegularExpressions;
using Masthead.Accounts;
using Masthead.Content;
using Masthead.Content.Media;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Content;

/// <summary>The editor loses nothing between round trips: an uploaded hero survives a preview and a rejected save and
/// is published with the article, and the preview is the live article template.</summary>
public sealed class ArticleEditorRoundTripTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> WithHero(Dictionary<string, string> fields, string heroUrl = "")
    {
        fields["Input.HeroImageUrl"] = heroUrl;
        fields["Input.HeroImageAlt"] = "The dam's spillway at dusk";
        fields["Input.HeroCaption"] = "The reservoir is at a third of its capacity.";
        return fields;
    }

    /// <summary>The hero the re-rendered form sends next time: the selected option of the library list.</summary>
    private static string SelectedHero(string html)
    {
        var start = html.IndexOf("<select id=\"hero\"", StringComparison.Ordinal);
        var list = html[start..html.IndexOf("</select>", start, StringComparison.Ordinal)];
        return Regex.Match(list, "<option value=\"([^\"]*)\" selected=\"selected\"") is { Success: true } m ? m.Groups[1].Value : "";
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AHeroUploadedBeforeAPreviewIsKeptAndPublishedWithTheArticle(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.SignedInClientAsync(Roles.Editor);
        var png = TestImages.Png(6, 4);
        var previewed = await client.PostMultipartAsync("/admin/articles/new",
            WithHero(AdminForms.Article("Mosul dam reservoir falls to a third", "preview")), ("HeroUpload", "dam.png", "image/png", png));
        var html = await previewed.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);

        var asset = await app.WithDbAsync(d => d.Set<MediaAsset>().SingleAsync());
        Assert.Equal(0, await app.WithDbAsync(d => d.Articles.CountAsync()));
        Assert.Equal(asset.Url, SelectedHero(html));
        Assert.Contains("Hero: <strong>dam.png</strong> (kept)", html);
        Assert.Contains($"<img src=\"{asset.Url}\" alt=\"The dam&#x27;s spillway at dusk\" />", AdminForms.PreviewDocument(html));
        Assert.Contains("data-unsaved=\"true\"", html);

        // The browser posts the form again with the file input empty and the kept hero selected.
        var published = await client.PostMultipartAsync("/admin/articles/new",
            WithHero(AdminForms.Article("Mosul dam reservoir falls to a third", "publish"), SelectedHero(html)), null);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var article = await app.WithDbAsync(d => d.Articles.SingleAsync());
        Assert.Equal((ArticleStatus.Published, asset.Url, "The dam's spillway at dusk"), (article.Status, article.HeroImageUrl, article.HeroImageAlt));
        Assert.Contains($"src=\"{asset.Url}\"", await app.CreateBrowserClient().GetStringAsync("/articles/" + article.Slug, Ct));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AHeroUploadedWithAFormThatIsRejectedIsKeptWithEveryOtherField(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.SignedInClientAsync(Roles.Editor);
        var fields = WithHero(AdminForms.Article("", "publish", body: "Water levels are the lowest since 1986."));
        fields["Input.Dek"] = "Farmers downstream face a dry summer.";
        var rejected = await client.PostMultipartAsync("/admin/articles/new", fields, ("HeroUpload", "dam.png", "image/png", TestImages.Png(5, 5)));
        var html = await rejected.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Contains("Enter a title.", html);
        Assert.Equal(0, await app.WithDbAsync(d => d.Articles.CountAsync()));

        var asset = await app.WithDbAsync(d => d.Set<MediaAsset>().SingleAsync());
        Assert.Equal(asset.Url, SelectedHero(html));
        Assert.Contains("Water levels are the lowest since 1986.</textarea>", html);
        Assert.Contains("Farmers downstream face a dry summer.</textarea>", html);
        Assert.Contains("value=\"The dam&#x27;s spillway at dusk\"", html);
        Assert.Contains("value=\"The reservoir is at a third of its capacity.\"", html);

        var fixedFields = WithHero(AdminForms.Article("Mosul dam reservoir falls to a third", "publish"), SelectedHero(html));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostMultipartAsync("/admin/articles/new", fixedFields, null)).StatusCode);
        Assert.Equal(asset.Url, (await app.WithDbAsync(d => d.Articles.SingleAsync())).HeroImageUrl);
        Assert.Single(app.MediaFiles());
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ThePreviewIsTheLiveArticlePageWithTheSiteStylesheetTitleDekBylineAndBody(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var author = await app.WithDbAsync(async d =>
        {
            var a = d.Authors.Add(new Author { Slug = "rana-haddad", Name = "Rana Haddad", Bio = "Water and energy." }).Entity;
            await d.SaveChangesAsync();
            return a.Id;
        });
        var client = await app.SignedInClientAsync(Roles.Editor);
        var fields = new List<KeyValuePair<string, string>>(AdminForms.Article("Mosul dam reservoir falls to a third", "preview",
            body: "Levels are the **lowest** since 1986."))
        {
            new("Input.AuthorIds", author.ToString()),
        };
        var response = await client.PostPairsAsync("/admin/articles/new", fields);
        var html = await response.Content.ReadAsStringAsync(Ct);
        var preview = AdminForms.PreviewDocument(html)!;

        Assert.Contains("sandbox=\"allow-same-origin\"", html);
        Assert.Matches("<link rel=\"stylesheet\" href=\"/css/site[^\"]*\\.css\" />", preview);
        Assert.DoesNotContain("admin.css", preview);
        Assert.Contains("<article class=\"article\" lang=\"en\" dir=\"ltr\">", preview);
        Assert.Contains("<h1>Mosul dam reservoir falls to a third</h1>", preview);
        Assert.Contains("<p class=\"article-dek\">A short summary.</p>", preview);
        Assert.Matches("By\\s+<a rel=\"author\" href=\"/authors/rana-haddad\">Rana Haddad</a>", preview);
        Assert.Contains("<strong>lowest</strong>", preview);
        Assert.Equal(0, await app.WithDbAsync(d => d.Articles.CountAsync()));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AStoredArticleOpensWithAPreviewAsSavedAndNoUnsavedChanges(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var seeded = await app.CreateArticleAsync("Basra port dredging begins", body: "The channel will take *larger* ships.");
        var client = await app.SignedInClientAsync(Roles.Editor);
        var html = await client.GetStringAsync($"/admin/articles/{seeded.Id}", Ct);
        Assert.Contains("data-unsaved=\"false\"", html);
        Assert.Contains("<h1>Basra port dredging begins</h1>", AdminForms.PreviewDocument(html));
        Assert.Contains("<script src=\"/js/editor", html);
    }
}
