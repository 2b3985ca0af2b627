using Masthead.Content;
using Masthead.Demo;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Content.Kinds;

public sealed class DemoMemoTests
{
    [Fact]
    public void AMemoFilesPartHeadingsSplitItIntoPartsAndTheRestIsTheBody()
    {
        var file = DemoArticleFile.Parse("""
            ---
            title: T
            slug: t
            dek: D
            section: analysis
            authors: a
            tags: gulf
            kind: memo
            access: pro
            hero-alt: A
            hero-caption: C
            ---
            An opening paragraph.

            ## Bottom line

            The line.

            ## What's next

            Next steps.
            ## Sources
            - some-article
            """, "test");
        Assert.Equal(ArticleKind.Memo, file.Kind);
        Assert.Equal("An opening paragraph.\n", file.Body);
        Assert.Equal("The line.", file.Memo!.BottomLine);
        Assert.Equal("Next steps.", file.Memo.WhatsNext);
        Assert.Equal("- some-article", file.Memo.Sources);
        Assert.Null(file.Memo.WhatHappened);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheDemoNewsroomHasMemosWithPartsAPublicMemoAndTrendReports(Db db)
    {
        await using var app = await TestApp.StartAsync(db, new() { ["Demo:Enabled"] = "true" });
        var articles = await app.WithDbAsync(d => d.Articles.AsNoTracking().Include(a => a.Memo).ToListAsync(TestContext.Current.CancellationToken));
        var withParts = articles.Where(a => a.Kind == ArticleKind.Memo && a.Memo is { Html.Length: > 0 }).ToList();
        Assert.True(withParts.Count >= 4, $"only {withParts.Count} demo memos with parts");
        Assert.All(withParts, m => Assert.Contains(">Bottom line</h2>", m.Memo!.Html));
        Assert.Contains(withParts, m => m.Access == AccessLevel.Public);
        Assert.Contains(withParts, m => m.Memo!.Html.Contains("rel=\"noopener noreferrer\"", StringComparison.Ordinal));
        Assert.True(articles.Count(a => a.Kind == ArticleKind.TrendReport) >= 2);
        Assert.All(articles.Where(a => a.Kind != ArticleKind.Memo), a => Assert.Null(a.Memo));
    }
}
