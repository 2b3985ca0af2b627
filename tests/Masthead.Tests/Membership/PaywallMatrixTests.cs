using System.Text.RegularExpressions;
using Masthead.Briefings;
using Masthead.Briefings.Editions;
using Masthead.Briefings.Templates;
using Masthead.Content;
using Masthead.Data;
using Masthead.Tests.Briefings;
using Masthead.Tests.Content;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Membership;

// ==========================================================================================================
// THE PAYWALL MATRIX. Add a new channel here: every place an article's content leaves the server is one
// line in Channels below. Each channel says where it fetches from
// and whether a reader allowed to read PRO sees the body there (Body.ForReaders) or nobody ever does
// (Body.Never). The test then checks every channel for every role, so a channel that leaks, or one that
// hides the body from a paying reader, fails here with its name and the role. PaywallCookieVariantsTests runs the
// same channels along a second axis: a valid cookie sent in every shape a Cookie header allows, then anonymous.
// ==========================================================================================================
public sealed partial class PaywallMatrixTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Only in the PRO piece's third paragraph: no teaser, excerpt, description or snippet may carry it.</summary>
    internal const string Sentence = "Kestrel-Amber: the swap closes before the winter auction";
    internal const string Lead = "Lead paragraph of the memo, shown as its teaser.";
    internal const string Slug = "tanker-swap-memo";
    internal static readonly string Body = $"{Lead}\n\nThe second paragraph sets out the numbers.\n\n{Sentence}, say three traders.";

    internal enum Shows { ForReaders, Never }

    /// <summary>One way content leaves the server: a name, and the text a given browser gets from it.</summary>
    /// <summary><paramref name="ShowsTitleWhenGated"/>: a reader who may not read the body still sees the piece there
    /// (with a teaser). Search is the exception: a gated piece is not found by words only its body holds.</summary>
    internal sealed record Channel(string Name, Shows Body, Func<Fixture, HttpClient, Task<string>> Fetch, bool ShowsTitleWhenGated = true);

    internal sealed record Fixture(TestApp App, string ArchivePath, long EditionId);

    internal static readonly Channel[] Channels =
    [
        new("article page HTML", Shows.ForReaders, (f, c) => c.GetOkAsync($"/articles/{Slug}")),
        new("OpenGraph and Twitter meta", Shows.Never, async (f, c) => Metas(await c.GetOkAsync($"/articles/{Slug}"))),
        // An image: what text it can carry is in its PNG text chunks; the pixels are headline, section and hero only.
        new("social card image", Shows.Never, (f, c) => CardTextAsync(c)),
        new("JSON-LD", Shows.Never, async (f, c) => string.Join("\n", ReaderTestSupport.JsonLdBlocks(await c.GetOkAsync($"/articles/{Slug}")))),
        new("JSON API list", Shows.Never, (f, c) => c.GetOkAsync("/api/v1/articles")),
        new("JSON API item", Shows.ForReaders, (f, c) => c.GetOkAsync($"/api/v1/articles/{Slug}")),
        new("RSS", Shows.Never, (f, c) => c.GetOkAsync("/feed.xml")),
        new("Atom", Shows.Never, (f, c) => c.GetOkAsync("/atom.xml")),
        new("section RSS", Shows.Never, (f, c) => c.GetOkAsync("/sections/energy/feed.xml")),
        new("tag Atom", Shows.Never, (f, c) => c.GetOkAsync("/tags/shipping/atom.xml")),
        new("sitemap", Shows.Never, (f, c) => c.GetOkAsync("/sitemap.xml")),
        new("news sitemap", Shows.Never, (f, c) => c.GetOkAsync("/news-sitemap.xml")),
        new("home page", Shows.Never, (f, c) => c.GetOkAsync("/")),
        new("section page", Shows.Never, (f, c) => c.GetOkAsync("/sections/energy")),
        new("briefing archive page", Shows.Never, (f, c) => c.GetOkAsync(f.ArchivePath)),
        new("briefing email (HTML and text)", Shows.Never, (f, _) => RenderEmailAsync(f)),
        // Words only the PRO body holds: readers who may not read it must not even find the piece by them.
        // A chart shows the piece's data: its images answer only readers of the body (the description carries the sentence).
        new("chart image (SVG)", Shows.ForReaders, (f, c) => ChartImageTextAsync(f, c, ".svg"), ShowsTitleWhenGated: false),
        new("search results and snippets", Shows.ForReaders, async (f, c) => Unmarked(await c.GetOkAsync("/search?q=Kestrel+auction")),
            ShowsTitleWhenGated: false),
    ];

    [Theory, ClassData(typeof(Databases))]
    public async Task ProBodyAppearsExactlyWhereEachRoleMayReadIt(Db db)
    {
        // Cache on, as in production: anonymous readers go first and fill it, everyone after must still be right.
        await using var app = await PaywallSupport.StartAsync(db, new() { ["Site:OutputCacheSeconds"] = "600" });
        var fixture = await SeedAsync(app);
        var failures = new List<string>();
        foreach (var role in Enum.GetValues<Role>())
        {
            var client = await app.ClientAsync(role);
            foreach (var channel in Channels)
            {
                var text = await channel.Fetch(fixture, client);
                var expected = channel.Body == Shows.ForReaders && PaywallSupport.ReadsPro(role);
                if (text.Contains(Sentence, StringComparison.Ordinal) != expected)
                {
                    failures.Add($"{channel.Name} as {role}: body {(expected ? "missing" : "leaked")}");
                }
                if (channel.Body == Shows.ForReaders && channel.ShowsTitleWhenGated && !expected && !text.Contains("Tanker swap memo", StringComparison.Ordinal))
                {
                    failures.Add($"{channel.Name} as {role}: not even the title is there");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>A PRO piece (section energy, tag shipping) in a sent briefing edition, archived.</summary>
    internal static async Task<Fixture> SeedAsync(TestApp app)
    {
        var article = await app.CreateArticleAsync("Tanker swap memo", access: AccessLevel.Pro, body: Body,
            sectionSlug: "energy", tagSlugs: ["shipping"], slug: Slug);
        // Seeded straight into the database, so indexed by hand (the editor's save does it in the app).
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Masthead.Content.Search.ISearchIndex>().IndexAsync(article.Id, Ct);
        }
        await Masthead.Tests.Content.Charts.ChartSeed.CreateChartAsync(app, article.Id, ChartSlug, description: Sentence);
        var list = await app.CreateListAsync();
        var edition = await app.CreateDraftAsync(list.Id, article.Id);
        var now = app.Time.GetUtcNow().UtcDateTime;
        var day = DateOnly.FromDateTime(now);
        await app.WithDbAsync(d => d.Editions.Where(e => e.Id == edition.Id).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.Status, EditionStatus.Sent).SetProperty(e => e.SentAt, now).SetProperty(e => e.ArchiveDate, day), Ct));
        return new Fixture(app, $"/briefings/{list.Slug}/{day:yyyy-MM-dd}", edition.Id);
    }

    internal const string ChartSlug = "tanker-swap-chart";

    /// <summary>The PRO piece's chart image at its current fingerprinted address: its text, or nothing when refused.</summary>
    private static async Task<string> ChartImageTextAsync(Fixture f, HttpClient client, string extension)
    {
        var id = await f.App.WithDbAsync(d => d.Charts.Where(c => c.Slug == ChartSlug).Select(c => c.Id).SingleAsync(Ct));
        var chart = await Masthead.Tests.Content.Charts.ChartImageAccessTests.DataAsync(f.App, id);
        var response = await client.GetAsync(extension == ".svg" ? chart.SvgPath : chart.PngPath, Ct);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(Ct) : "";
    }

    private static async Task<string> RenderEmailAsync(Fixture f)
    {
        await using var scope = f.App.Services.CreateAsyncScope();
        var composer = scope.ServiceProvider.GetRequiredService<EditionComposer>();
        var rendered = await composer.LoadAsync(scope.ServiceProvider.GetRequiredService<MastheadDb>(), f.EditionId, Ct);
        Assert.NotNull(rendered);
        var (subject, html, text) = rendered.Render(new Personal("Amira", "amira@example.test", "https://p", "https://u", "https://ua"));
        Assert.Contains("Tanker swap memo", html);
        return string.Join("\n", subject, html, text);
    }

    /// <summary>The social card (it must answer every role, PRO piece or not) as the text its PNG chunks hold.</summary>
    private static async Task<string> CardTextAsync(HttpClient client)
    {
        var response = await client.GetAsync($"/cards/articles/{Slug}.png", Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var png = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal("PNG", System.Text.Encoding.ASCII.GetString(png, 1, 3));
        var text = new System.Text.StringBuilder();
        // Chunks: 4-byte length, 4-byte type, data, 4-byte checksum; bounded by the file's length.
        for (var at = 8; at + 8 <= png.Length;)
        {
            var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            if (length < 0 || at + 12 + length > png.Length) break;
            if (type is "tEXt" or "iTXt" or "zTXt") text.Append(System.Text.Encoding.UTF8.GetString(png, at + 8, length)).Append('\n');
            at += 12 + length;
        }
        return text.ToString();
    }

    [GeneratedRegex("<meta [^>]*>")]
    private static partial Regex MetaRegex();

    /// <summary>Search highlights matches with mark elements; the sentence is checked without them.</summary>
    internal static string Unmarked(string html) => html.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal);

    private static string Metas(string html) => string.Join("\n", MetaRegex().Matches(html).Select(m => m.Value));
}
