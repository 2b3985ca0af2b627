using System.Net;
using System.Security.Cryptography;
using Masthead.Accounts;
using Masthead.Content.Media;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Content;

public sealed class MediaUploadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, string contentType, byte[] bytes,
        string alt = "Tankers at anchor off the coast") =>
        client.PostMultipartAsync("/admin/media", new() { ["AltText"] = alt }, ("Upload", fileName, contentType, bytes));

    private static Task<int> AssetCountAsync(TestApp app) => app.WithDbAsync(db => db.Set<MediaAsset>().CountAsync());

    [Theory, ClassData(typeof(Databases))]
    public async Task ARealPngIsStoredUnderItsContentHashAndServedWithLongCaching(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.SignedInClientAsync(Roles.Editor, "photo@example.test");
        var png = TestImages.Png(4, 3);
        var response = await UploadAsync(client, "harbour.png", "image/png", png);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var asset = await app.WithDbAsync(d => d.Set<MediaAsset>().SingleAsync());
        var expectedName = Convert.ToHexStringLower(SHA256.HashData(png))[..32] + ".png";
        Assert.Equal(expectedName, asset.FileName);
        Assert.Equal(("harbour.png", "image/png", png.Length, 4, 3), (asset.OriginalName, asset.ContentType, asset.SizeBytes, asset.Width!.Value, asset.Height!.Value));
        Assert.Equal(("Tankers at anchor off the coast", "photo@example.test"), (asset.AltText, asset.UploadedBy));

        var served = await client.GetAsync("/media/" + expectedName, Ct);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", served.Headers.CacheControl!.ToString());
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync(Ct));

        var library = await client.GetStringAsync("/admin/media", Ct);
        Assert.Contains($"src=\"/media/{expectedName}\"", library);
        Assert.Contains("alt=\"Tankers at anchor off the coast\"", library);

        // The same bytes again map to the same asset, not a second copy.
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(client, "copy.png", "image/png", png)).StatusCode);
        Assert.Equal(1, await AssetCountAsync(app));
        Assert.Single(app.MediaFiles());
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ATextFileNamedPngIsRejectedAndNothingIsWritten(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.SignedInClientAsync(Roles.Editor);
        var response = await UploadAsync(client, "photo.png", "image/png", "just some text, not an image"u8.ToArray());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(MediaStore.NotAnImage, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, await AssetCountAsync(app));
        Assert.Empty(app.MediaFiles());
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task SvgAndHtmlAreRejectedWhateverTheyClaimToBe(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.SignedInClientAsync(Roles.Editor);
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray();
        var html = "<!DOCTYPE html><script>alert(1)</script>"u8.ToArray();
        foreach (var (name, type, bytes) in new[] { ("map.svg", "image/svg+xml", svg), ("map.png", "image/png", svg), ("page.gif", "image/gif", html) })
        {
            var response = await UploadAsync(client, name, type, bytes);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(MediaStore.NotAnImage, await response.Content.ReadAsStringAsync(Ct));
        }
        Assert.Equal(0, await AssetCountAsync(app));
        Assert.Empty(app.MediaFiles());
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AnOversizedImageIsRejectedWithTheLimitInTheMessage(Db db)
    {
        await using var app = await TestApp.StartAsync(db, new() { ["Media:MaxBytes"] = "2048" });
        var client = await app.SignedInClientAsync(Roles.Editor);
        var response = await UploadAsync(client, "big.png", "image/png", TestImages.Png(padding: 4000));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The file is too large: the limit is 2 KB.", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, await AssetCountAsync(app));
        Assert.Empty(app.MediaFiles());
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AnUploadFarOverTheLimitIsTurnedAwayWithANoticeBeforeItIsRead(Db db)
    {
        await using var app = await TestApp.StartAsync(db, new() { ["Media:MaxBytes"] = "2048" });
        var client = await app.SignedInClientAsync(Roles.Editor);
        var response = await UploadAsync(client, "huge.png", "image/png", TestImages.Png(padding: 2 * 1024 * 1024));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/media?notice=too-large", response.Headers.Location!.OriginalString);
        Assert.Contains("upload was too large", await client.GetStringAsync("/admin/media?notice=too-large", Ct));
        Assert.Equal(0, await AssetCountAsync(app));
        Assert.Empty(app.MediaFiles());
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AnUploadWithoutAltTextIsRefused(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.SignedInClientAsync(Roles.Editor);
        var response = await UploadAsync(client, "a.png", "image/png", TestImages.Png(), alt: "");
        Assert.Contains("Describe the image", await response.Content.ReadAsStringAsync(Ct));
        Assert.Empty(app.MediaFiles());
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AHeroImageUploadedWithTheArticleIsStoredAndLinked(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.SignedInClientAsync(Roles.Editor);
        var fields = AdminForms.Article("Desalination plant opens", "publish");
        fields["Input.HeroImageAlt"] = "The plant's intake pipes at dawn";
        fields["Input.HeroCaption"] = "The plant supplies a third of the city's water.";
        fields["Input.HeroCredit"] = "Newsroom staff";
        var png = TestImages.Png(8, 5);
        var response = await client.PostMultipartAsync("/admin/articles/new", fields, ("HeroUpload", "plant.png", "image/png", png));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var article = await app.WithDbAsync(d => d.Articles.SingleAsync());
        var asset = await app.WithDbAsync(d => d.Set<MediaAsset>().SingleAsync());
        Assert.Equal("/media/" + asset.FileName, article.HeroImageUrl);
        Assert.Equal(("The plant's intake pipes at dawn", "Newsroom staff"), (article.HeroImageAlt, article.HeroCredit));
        Assert.Equal(png, await File.ReadAllBytesAsync(Assert.Single(app.MediaFiles()), Ct));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ARejectedHeroUploadSavesNeitherTheArticleNorTheFile(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.SignedInClientAsync(Roles.Editor);
        var fields = AdminForms.Article("Desalination plant opens", "publish");
        fields["Input.HeroImageAlt"] = "Pipes";
        var response = await client.PostMultipartAsync("/admin/articles/new", fields,
            ("HeroUpload", "plant.png", "image/png", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(MediaStore.NotAnImage, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, await app.WithDbAsync(d => d.Articles.CountAsync()));
        Assert.Empty(app.MediaFiles());
    }
}
