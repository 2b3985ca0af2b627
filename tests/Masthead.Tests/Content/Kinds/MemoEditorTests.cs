using System.Net;
using Masthead.Accounts;
using Masthead.Content;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Content.Kinds;

public sealed class MemoEditorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> MemoForm(string command, string sources = "gulf-banks-report\nhttps://example.org/note")
    {
        var form = AdminForms.Article("Merger memo", command);
        form["Input.Kind"] = "Memo";
        form["Input.Access"] = "Pro";
        form["Input.Memo.BottomLine"] = "Two banks **merge** by spring.";
        form["Input.Memo.WhatsNext"] = "The regulator rules in March.";
        form["Input.Memo.Sources"] = sources;
        return form;
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ANewMemoStartsAsProAndItsPartsAreSavedRenderedAndPreviewedAsOnThePage(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.CreateArticleAsync("Gulf banks report", slug: "gulf-banks-report");
        var client = await app.SignedInClientAsync(Roles.Editor);

        var blank = await client.GetOkAsync("/admin/articles/new?kind=memo");
        Assert.Contains("<option value=\"Memo\" selected=\"selected\">Memo</option>", blank);
        Assert.Contains("<option value=\"Pro\" selected=\"selected\">PRO members only</option>", blank);

        var preview = AdminForms.PreviewDocument(await (await client.PostFormAsync("/admin/articles/new", MemoForm("preview"))).Content.ReadAsStringAsync(Ct))!;
        var response = await client.PostFormAsync("/admin/articles/new", MemoForm("publish"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var memo = await app.WithDbAsync(d => d.Articles.AsNoTracking().Include(a => a.Memo).SingleAsync(a => a.Slug == "merger-memo"));
        Assert.Equal(ArticleKind.Memo, memo.Kind);
        Assert.Equal("Two banks **merge** by spring.", memo.Memo!.BottomLine);
        // Cited by slug, named by the cited article's title.
        Assert.Contains("<a href=\"/articles/gulf-banks-report\">Gulf banks report</a>", memo.Memo.Html);

        var page = await client.GetOkAsync("/articles/merger-memo");
        foreach (var html in new[] { preview, page })
        {
            Assert.Contains("<h2 id=\"memo-bottom-line\">Bottom line</h2><p>Two banks <strong>merge</strong> by spring.</p>", html);
            Assert.Contains("<a href=\"/articles/gulf-banks-report\">Gulf banks report</a>", html);
            Assert.Contains("rel=\"noopener noreferrer\"", html);
            Assert.True(html.IndexOf("Bottom line</h2>", StringComparison.Ordinal) < html.IndexOf("What’s next</h2>", StringComparison.Ordinal));
        }

        // The edit form comes back with the parts.
        var edit = await client.GetOkAsync($"/admin/articles/{memo.Id}");
        Assert.Contains("Two banks **merge** by spring.</textarea>", edit);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task SourcesThatAreNeitherAnArticleNorAnAddressAreRefusedWithTheLine(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.SignedInClientAsync(Roles.Editor);

        var unknown = await (await client.PostFormAsync("/admin/articles/new", MemoForm("save", "no-such-article"))).Content.ReadAsStringAsync(Ct);
        // The admin's encoder writes curly quotes as character references.
        Assert.Contains("Sources: no article has the slug “no-such-article”.", WebUtility.HtmlDecode(unknown));
        var bad = await (await client.PostFormAsync("/admin/articles/new", MemoForm("save", "https://example.org/ok\njavascript:alert(1)"))).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Sources, line 2: “javascript:alert(1)” is neither the slug of one of our articles nor an http(s) address.", WebUtility.HtmlDecode(bad));
        Assert.Equal(0, await app.WithDbAsync(d => d.Articles.CountAsync()));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AStoryWithMemoPartsIsRefusedAndAMemoMadeAStoryLosesItsPartsRow(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.SignedInClientAsync(Roles.Editor);
        var story = MemoForm("save", "");
        story["Input.Kind"] = "Story";
        var refused = await (await client.PostFormAsync("/admin/articles/new", story)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Only a memo has memo parts", refused);

        var saved = await client.PostFormAsync("/admin/articles/new", MemoForm("save", ""));
        var id = int.Parse(saved.Headers.Location!.OriginalString.Split('?')[0]["/admin/articles/".Length..]);
        Assert.Equal(1, await app.WithDbAsync(d => d.ArticleMemos.CountAsync()));
        var asStory = AdminForms.Article("Merger memo", version: 1);
        asStory["Input.Kind"] = "Story";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/admin/articles/{id}", asStory)).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(d => d.ArticleMemos.CountAsync()));
        Assert.Equal(ArticleKind.Story, await app.WithDbAsync(d => d.Articles.Select(a => a.Kind).SingleAsync()));
    }
}
