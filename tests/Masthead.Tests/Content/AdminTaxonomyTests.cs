using System.Net;
using Masthead.Accounts;
using Masthead.Content;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Content;

public sealed class AdminTaxonomyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(Databases))]
    public async Task AuthorsSectionsAndTagsAreCreatedWithSlugsMadeFromTheirNames(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.SignedInClientAsync(Roles.Editor);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/admin/authors/new",
            new() { ["Input.Name"] = "Léa Khoury", ["Input.Title"] = "Gulf correspondent", ["Input.Bio"] = "Covers *energy*." })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/admin/sections/new",
            new() { ["Input.Name"] = "Energy & Climate", ["Input.Position"] = "3" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/admin/tags/new",
            new() { ["Input.Name"] = "Oil & Gas", ["Input.Kind"] = "Industry" })).StatusCode);

        var (author, section, tag) = await app.WithDbAsync(async d => (
            await d.Authors.SingleAsync(), await d.Sections.SingleAsync(), await d.Tags.SingleAsync()));
        Assert.Equal(("lea-khoury", "Gulf correspondent", "Covers *energy*."), (author.Slug, author.Title, author.Bio));
        Assert.Equal(("energy-climate", 3), (section.Slug, section.Position));
        Assert.Equal(("oil-gas", TagKind.Industry), (tag.Slug, tag.Kind));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TakenAndInvalidSlugsAreRefusedInlineForEveryKind(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.CreateArticleAsync("Seed", sectionSlug: "energy", tagSlugs: ["gulf"], authorName: "Rana Haddad");
        var client = await app.SignedInClientAsync(Roles.Editor);
        var cases = new (string Url, Dictionary<string, string> Fields, string Message)[]
        {
            ("/admin/authors/new", new() { ["Input.Name"] = "Another Rana", ["Input.Slug"] = "rana-haddad" }, "is already taken"),
            ("/admin/sections/new", new() { ["Input.Name"] = "Power", ["Input.Slug"] = "energy" }, "is already taken"),
            ("/admin/tags/new", new() { ["Input.Name"] = "Gulf states", ["Input.Slug"] = "gulf", ["Input.Kind"] = "Region" }, "is already taken"),
            ("/admin/authors/new", new() { ["Input.Name"] = "Sami", ["Input.Slug"] = "Sami Z" }, "A slug may contain only lowercase letters"),
            ("/admin/sections/new", new() { ["Input.Name"] = "Power", ["Input.Slug"] = "-power" }, "A slug may contain only lowercase letters"),
            ("/admin/tags/new", new() { ["Input.Name"] = "Iraq", ["Input.Slug"] = "iraq--north", ["Input.Kind"] = "Country" }, "A slug may contain only lowercase letters"),
            ("/admin/authors/new", new() { ["Input.Name"] = "" }, "Enter the author&#x27;s name."),
            ("/admin/tags/new", new() { ["Input.Name"] = "Iraq" }, "Choose the kind of tag."),
        };
        foreach (var (url, fields, message) in cases)
        {
            var response = await client.PostFormAsync(url, fields);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            Assert.Contains(message, await response.Content.ReadAsStringAsync(Ct));
        }
        var counts = await app.WithDbAsync(async d => (await d.Authors.CountAsync(), await d.Sections.CountAsync(), await d.Tags.CountAsync()));
        Assert.Equal((1, 1, 1), counts);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AnAuthorOnABylineCannotBeDeletedButAnUnusedOneCan(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.CreateArticleAsync("Seed", authorName: "Rana Haddad");
        var unused = await app.WithDbAsync(async d =>
        {
            var a = d.Authors.Add(new Author { Slug = "guest-writer", Name = "Guest Writer" }).Entity;
            await d.SaveChangesAsync();
            return a.Id;
        });
        var used = await app.WithDbAsync(d => d.Authors.Where(a => a.Slug == "rana-haddad").Select(a => a.Id).SingleAsync());
        var client = await app.SignedInClientAsync(Roles.Editor);

        var refused = await client.PostFormAsync($"/admin/authors?handler=Delete&id={used}", [], "/admin/authors");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("is on the byline of 1 article, so they were not deleted", await refused.Content.ReadAsStringAsync(Ct));

        var deleted = await client.PostFormAsync($"/admin/authors?handler=Delete&id={unused}", [], "/admin/authors");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(["rana-haddad"], await app.WithDbAsync(d => d.Authors.Select(a => a.Slug).ToListAsync()));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task DeletingATagOrSectionDetachesItAndKeepsTheArticles(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var article = await app.CreateArticleAsync("Seed", sectionSlug: "energy", tagSlugs: ["gulf", "oil"]);
        var (sectionId, gulfId) = await app.WithDbAsync(async d =>
            (await d.Sections.Select(s => s.Id).SingleAsync(), await d.Tags.Where(t => t.Slug == "gulf").Select(t => t.Id).SingleAsync()));
        var client = await app.SignedInClientAsync(Roles.Editor);

        Assert.Equal("/admin/tags?notice=detached",
            (await client.PostFormAsync($"/admin/tags?handler=Delete&id={gulfId}", [], "/admin/tags")).Headers.Location!.OriginalString);
        Assert.Equal("/admin/sections?notice=detached",
            (await client.PostFormAsync($"/admin/sections?handler=Delete&id={sectionId}", [], "/admin/sections")).Headers.Location!.OriginalString);

        var saved = await app.WithDbAsync(d => d.Articles.AsNoTracking().Include(a => a.Tags).ThenInclude(t => t.Tag).SingleAsync(a => a.Id == article.Id));
        Assert.Null(saved.SectionId);
        Assert.Equal(["oil"], saved.Tags.Select(t => t.Tag!.Slug));
        Assert.Equal(0, await app.WithDbAsync(d => d.Sections.CountAsync()));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task EditingATagKeepsItsSlugUniqueAgainstOthersButNotItself(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.CreateArticleAsync("Seed", tagSlugs: ["iran", "iraq"]);
        var iraq = await app.WithDbAsync(d => d.Tags.Where(t => t.Slug == "iraq").Select(t => t.Id).SingleAsync());
        var client = await app.SignedInClientAsync(Roles.Editor);
        var url = $"/admin/tags/{iraq}";

        var same = await client.PostFormAsync(url, new() { ["Input.Name"] = "Iraq", ["Input.Slug"] = "iraq", ["Input.Kind"] = "Country" });
        Assert.Equal(HttpStatusCode.Redirect, same.StatusCode);
        var clash = await client.PostFormAsync(url, new() { ["Input.Name"] = "Iraq", ["Input.Slug"] = "iran", ["Input.Kind"] = "Country" });
        Assert.Contains("is already taken", await clash.Content.ReadAsStringAsync(Ct));
        var tag = await app.WithDbAsync(d => d.Tags.SingleAsync(t => t.Id == iraq));
        Assert.Equal(("iraq", TagKind.Country), (tag.Slug, tag.Kind));
    }
}
