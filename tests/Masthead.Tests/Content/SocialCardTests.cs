using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Masthead.Content;
using Masthead.Content.Cards;
using Masthead.Content.Reading;
using Masthead.Site.Images;
using Masthead.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using static Masthead.Tests.Content.ReaderTestSupport;

namespace Masthead.Tests.Content;

public sealed class SocialCardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Theory, ClassData(typeof(Databases))]
    public async Task ArticleCardIsA1200By630PngCachedOnDiskAndRevalidatedByItsEntityTag(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        var article = await app.CreateArticleAsync("Oil output steady", sectionSlug: "energy");
        var client = app.CreateBrowserClient();

        var response = await client.GetAsync("/cards/articles/oil-output-steady.png", Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PngSignature, bytes[..8]);
        using (var bitmap = SKBitmap.Decode(bytes))
        {
            Assert.Equal((1200, 630), (bitmap.Width, bitmap.Height));
        }
        Assert.True(response.Headers.CacheControl is { Public: true, MaxAge.TotalSeconds: >= 3600 }, $"Cache-Control: {response.Headers.CacheControl}");
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(app.DataDirectory, "cards"), $"article-{article.Id}-*.png"));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(file, Ct));

        using var again = new HttpRequestMessage(HttpMethod.Get, "/cards/articles/oil-output-steady.png");
        again.Headers.IfNoneMatch.Add(etag);
        var revalidated = await client.SendAsync(again, Ct);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ChangingTheHeadlineDrawsANewCardAndRemovesTheOldOne(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        var article = await app.CreateArticleAsync("Port reopens", slug: "port-reopens");
        var client = app.CreateBrowserClient();
        var first = await client.GetAsync("/cards/articles/port-reopens.png", Ct);
        var firstMeta = OgImage(await client.GetOkAsync("/articles/port-reopens"));

        await app.WithDbAsync(async d =>
        {
            var a = await d.Articles.FindAsync([article.Id], Ct);
            a!.Title = "Port reopens after a week of strikes";
            await d.SaveChangesAsync(Ct);
        });
        var second = await client.GetAsync("/cards/articles/port-reopens.png", Ct);

        Assert.NotEqual(first.Headers.ETag, second.Headers.ETag);
        Assert.NotEqual(firstMeta, OgImage(await client.GetOkAsync("/articles/port-reopens")));
        var file = Assert.Single(Directory.GetFiles(Path.Combine(app.DataDirectory, "cards"), $"article-{article.Id}-*.png"));
        Assert.Contains(second.Headers.ETag!.Tag.Trim('"'), Path.GetFileName(file));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task RasterAndSvgHeroesAreDrawnUnderTheBand(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        var media = Path.Combine(app.DataDirectory, "media");
        Directory.CreateDirectory(media);
        await File.WriteAllBytesAsync(Path.Combine(media, "red.png"), SolidPng(1600, 900, SKColors.Red), Ct);
        await File.WriteAllTextAsync(Path.Combine(media, "blue.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1200 675\" width=\"1200\" height=\"675\"><rect width=\"1200\" height=\"675\" fill=\"#0000ff\"/></svg>", Ct);
        await app.CreateArticleAsync("Red hero", slug: "red-hero");
        await app.CreateArticleAsync("Blue hero", slug: "blue-hero");
        await app.CreateArticleAsync("No hero", slug: "no-hero");
        await SetHeroAsync(app, "red-hero", "/media/red.png");
        await SetHeroAsync(app, "blue-hero", "/media/blue.svg");
        var client = app.CreateBrowserClient();

        Assert.Equal(SKColors.Red, await TopPixelAsync(client, "red-hero"));
        Assert.Equal(SKColors.Blue, await TopPixelAsync(client, "blue-hero"));
        var plain = await TopPixelAsync(client, "no-hero");
        Assert.NotEqual(SKColors.Red, plain);
        Assert.NotEqual(SKColors.Blue, plain);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ArticlePageNamesItsCardInOpenGraphAndTwitterTags(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        await app.CreateArticleAsync("Cranes return", slug: "cranes-return");
        await app.CreateArticleAsync("No picture", slug: "no-picture");
        await SetHeroAsync(app, "cranes-return", "/media/port.jpg", alt: "Cranes at dawn");
        var client = app.CreateBrowserClient();

        var page = Parse(await client.GetOkAsync("/articles/cranes-return"));
        var image = Meta(page, "og:image");
        Assert.StartsWith("http://localhost/cards/articles/cranes-return.png?v=", image);
        Assert.Equal("image/png", Meta(page, "og:image:type"));
        Assert.Equal("1200", Meta(page, "og:image:width"));
        Assert.Equal("630", Meta(page, "og:image:height"));
        Assert.Equal("Cranes at dawn", Meta(page, "og:image:alt"));
        Assert.Equal("summary_large_image", Meta(page, "twitter:card"));
        Assert.Equal(image, Meta(page, "twitter:image"));
        Assert.Equal("Cranes at dawn", Meta(page, "twitter:image:alt"));
        // Without a hero the alt text is the headline, which the card shows.
        Assert.Equal("No picture", Meta(Parse(await client.GetOkAsync("/articles/no-picture")), "og:image:alt"));
        var (status, _) = await client.FetchAsync(new Uri(image).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ProArticleCardAnswersAnonymousReadersAndIsWhatItsMetaNames(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        await app.CreateArticleAsync("Pro outlook", access: AccessLevel.Pro, body: "PRO-BODY", sectionSlug: "energy");
        var anonymous = app.CreateBrowserClient();

        var html = await anonymous.GetOkAsync("/articles/pro-outlook");
        var image = Meta(Parse(html), "og:image");
        var response = await anonymous.GetAsync(new Uri(image).PathAndQuery, Ct);

        Assert.StartsWith("http://localhost/cards/articles/pro-outlook.png", image);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PngSignature, (await response.Content.ReadAsByteArrayAsync(Ct))[..8]);
        Assert.DoesNotContain("PRO-BODY", html);
        // What the card draws: headline, section and access label, the site's name. Nothing of the body or dek.
        await using var scope = app.Services.CreateAsyncScope();
        var detail = await scope.ServiceProvider.GetRequiredService<ArticleQueries>().FindArticleAsync("pro-outlook", Ct);
        var card = SocialCards.ForArticle(detail!, new Masthead.Site.SiteOptions());
        Assert.Equal(("Pro outlook", "ENERGY · PRO", "The Levant Ledger"), (card.Headline, card.Kicker, card.Footer));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task CardsOfDraftsAndUnknownArticlesAreNotFound(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        await app.CreateArticleAsync("Draft piece", ArticleStatus.Draft);
        var client = app.CreateBrowserClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.FetchAsync("/cards/articles/draft-piece.png")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.FetchAsync("/cards/articles/no-such-piece.png")).Status);
        Assert.False(Directory.Exists(Path.Combine(app.DataDirectory, "cards")) &&
            Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "cards")).Any());
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task HomePageHasOpenGraphAndTwitterTagsNamingItsCard(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        var client = app.CreateBrowserClient();

        var home = Parse(await client.GetOkAsync("/"));

        Assert.Equal("website", Meta(home, "og:type"));
        Assert.Equal("The Levant Ledger", Meta(home, "og:title"));
        Assert.Equal("Security, energy, markets and diplomacy across the Middle East", Meta(home, "og:description"));
        Assert.Equal("http://localhost/", Meta(home, "og:url"));
        var image = Meta(home, "og:image");
        Assert.StartsWith("http://localhost/cards/home.png", image);
        Assert.Equal("summary_large_image", Meta(home, "twitter:card"));
        Assert.Equal(image, Meta(home, "twitter:image"));
        Assert.False(string.IsNullOrWhiteSpace(Meta(home, "twitter:image:alt")));
        var response = await client.GetAsync(new Uri(image).PathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal((1200, 630), (bitmap.Width, bitmap.Height));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task JsonLdPublisherHasTheLogoWhichIsA512PixelPng(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        await app.CreateArticleAsync("Oil output steady");
        var client = app.CreateBrowserClient();

        using var doc = JsonDocument.Parse(Assert.Single(JsonLdBlocks(await client.GetOkAsync("/articles/oil-output-steady"))));
        var logo = doc.RootElement.GetProperty("publisher").GetProperty("logo");
        Assert.Equal("ImageObject", logo.GetProperty("@type").GetString());
        Assert.Equal("http://localhost/logo.png", logo.GetProperty("url").GetString());
        Assert.StartsWith("http://localhost/cards/articles/oil-output-steady.png", doc.RootElement.GetProperty("image")[0].GetString());

        var response = await client.GetAsync("/logo.png", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal((512, 512), (bitmap.Width, bitmap.Height));
        Assert.Equal(logo.GetProperty("width").GetInt32(), bitmap.Width);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task FaviconIsAnIconThePagesLinkTo(Db db)
    {
        await using var app = await StartUncachedAsync(db);
        var client = app.CreateBrowserClient();

        var response = await client.GetAsync("/favicon.ico", Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/x-icon", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]);
        Assert.True(bytes[4] > 0, "the icon holds no image");
        Assert.True(response.Headers.CacheControl is { Public: true }, $"Cache-Control: {response.Headers.CacheControl}");
        var home = Parse(await client.GetOkAsync("/"));
        Assert.Equal("/favicon.ico", home.QuerySelector("link[rel=icon]")?.GetAttribute("href"));
    }

    [Fact]
    public void HeroesOutsideTheMediaFolderOrTooLargeAreNotLoaded()
    {
        var media = Path.Combine(Path.GetTempPath(), "masthead-tests", Guid.NewGuid().ToString("n"), "media");
        Directory.CreateDirectory(media);
        try
        {
            File.WriteAllText(Path.Combine(media, "..", "secret.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>");
            File.WriteAllText(Path.Combine(media, "remote.svg"),
                "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"10\" height=\"10\"><image xlink:href=\"http://127.0.0.1:9/x.png\" width=\"10\" height=\"10\"/></svg>");
            File.WriteAllBytes(Path.Combine(media, "huge.png"), PngHeaderClaiming(20_000, 20_000));
            File.WriteAllBytes(Path.Combine(media, "ok.png"), SolidPng(40, 20, SKColors.Green));
            var size = new SKSizeI(1200, 630);

            Assert.Null(HeroArtwork.Load("/media/../secret.svg", media, size));
            Assert.Null(HeroArtwork.Load("/media/%2e%2e/secret.svg", media, size));
            Assert.Null(HeroArtwork.Load("/other/ok.png", media, size));
            Assert.Null(HeroArtwork.Load("/media/remote.svg", media, size));
            Assert.Null(HeroArtwork.Load("/media/huge.png", media, size));
            Assert.Null(HeroArtwork.Load("/media/missing.png", media, size));
            using var ok = HeroArtwork.Load("/media/ok.png", media, size);
            Assert.NotNull(ok);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(media)!, recursive: true);
        }
    }

    [Fact]
    public void LongHeadlinesWrapIntoAtMostFourLinesThatFitAndEndInAnEllipsis()
    {
        using var layout = new TextLayout(rightToLeft: false);
        using var font = SiteFont.Font(40);
        var headline = string.Join(' ', Enumerable.Repeat("Negotiators extend the ceasefire talks", 10));

        var lines = layout.Wrap(headline, font, 1088, SocialCardRenderer.MaxHeadlineLines, out var truncated);

        Assert.True(truncated);
        Assert.Equal(SocialCardRenderer.MaxHeadlineLines, lines.Count);
        Assert.All(lines, l => Assert.True(layout.Width(l, font) <= 1088, $"too wide: {l}"));
        Assert.EndsWith("…", lines[^1]);
        // A word longer than a line is broken, not left to overflow.
        var broken = layout.Wrap(new string('W', 200), font, 600, 10, out _);
        Assert.True(broken.Count > 1);
        Assert.All(broken, l => Assert.True(layout.Width(l, font) <= 600));
    }

    private static async Task SetHeroAsync(TestApp app, string slug, string url, string alt = "A picture")
    {
        await app.WithDbAsync(async d =>
        {
            var a = d.Articles.Single(x => x.Slug == slug);
            a.HeroImageUrl = url;
            a.HeroImageAlt = alt;
            await d.SaveChangesAsync(Ct);
        });
    }

    /// <summary>A pixel near the top middle: above the band, so the hero (or the plain background) shows there.</summary>
    private static async Task<SKColor> TopPixelAsync(HttpClient client, string slug)
    {
        var bytes = await client.GetByteArrayAsync($"/cards/articles/{slug}.png", Ct);
        using var bitmap = SKBitmap.Decode(bytes);
        return bitmap.GetPixel(600, 40);
    }

    private static byte[] SolidPng(int width, int height, SKColor color)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(color);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>A real small PNG whose header is rewritten, checksum included, to claim a huge size: a decoder
    /// believes it, so only the pixel limit keeps it from allocating gigabytes.</summary>
    private static byte[] PngHeaderClaiming(int width, int height)
    {
        var png = SolidPng(4, 4, SKColors.Green);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        // The IHDR checksum covers its type and 13 data bytes (offsets 12..28) and follows them.
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        return png;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    private static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    private static string? OgImage(string html) => Meta(Parse(html), "og:image");

    /// <summary>The content of a meta element named by property (OpenGraph) or name (Twitter).</summary>
    private static string Meta(IDocument doc, string key) =>
        doc.QuerySelectorAll("meta").FirstOrDefault(m => m.GetAttribute("property") == key || m.GetAttribute("name") == key)
            ?.GetAttribute("content") ?? throw new Xunit.Sdk.XunitException($"no meta {key}");
}
