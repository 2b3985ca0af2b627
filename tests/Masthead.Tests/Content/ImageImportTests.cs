using System.Net;
using System.Security.Cryptography;
using Masthead.Accounts;
using Masthead.Content;
using Masthead.Content.Admin;
using Masthead.Content.Media;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Content;

/// <summary>Images from other sites: the editor names them, imports them server-side only from public addresses,
/// and points the Markdown at the library copy.</summary>
public sealed class ImageImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> AllowLoopback = new() { ["Media:Import:AllowLoopbackForTests"] = "true" };

    private static async Task<MediaUploadResult> ImportAsync(TestApp app, string url)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ImageImporter>().ImportAsync(url, null, "desk@example.test", Ct);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.4.2")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.7")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.251")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.1.2.3")]
    [InlineData("2002:0a00:0001::1")]
    public void InsideAddressesAreNotPublic(string address) => Assert.False(PublicAddresses.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void PublicAddressesArePublic(string address) => Assert.True(PublicAddresses.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task ImportsFromLoopbackPrivateLinkLocalAndIPv6LoopbackAddressesAreRefusedBeforeAnyRequest()
    {
        await using var host = await ImageHost.StartAsync(new Dictionary<string, (string, byte[])> { ["/dam.png"] = ("image/png", TestImages.Png()) });
        await using var app = await TestApp.StartAsync();
        foreach (var url in new[] { host.Url("/dam.png"), "http://10.0.0.1/dam.png", "http://169.254.169.254/latest/meta-data/", "http://[::1]/dam.png",
                     "http://localhost:" + new Uri(host.Url("/")).Port + "/dam.png" })
        {
            var result = await ImportAsync(app, url);
            Assert.Equal((null, ImageImporter.NotPublicMessage), (result.Asset, result.Error));
        }
        Assert.Empty(host.Requests);
        Assert.Empty(app.MediaFiles());
    }

    [Fact]
    public async Task AllowingLoopbackForTestsStillRefusesPrivateAndLinkLocalAddresses()
    {
        await using var app = await TestApp.StartAsync(settings: AllowLoopback);
        foreach (var url in new[] { "http://10.0.0.1/dam.png", "http://169.254.169.254/latest/meta-data/", "http://192.168.0.1/x.png" })
        {
            Assert.Equal(ImageImporter.NotPublicMessage, (await ImportAsync(app, url)).Error);
        }
    }

    [Fact]
    public async Task OnlyAnImageOfAKnownFormatWithinTheSizeLimitIsImported()
    {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray();
        await using var host = await ImageHost.StartAsync(new Dictionary<string, (string, byte[])>
        {
            ["/page.png"] = ("text/html", "<!DOCTYPE html><p>not an image</p>"u8.ToArray()),
            ["/map.svg"] = ("image/svg+xml", svg),
            ["/big.png"] = ("image/png", TestImages.Png(padding: 4000)),
        });
        await using var app = await TestApp.StartAsync(settings: new(AllowLoopback) { ["Media:MaxBytes"] = "2048" });
        Assert.Equal("The address does not serve an image, so nothing was imported.", (await ImportAsync(app, host.Url("/page.png"))).Error);
        Assert.Equal(MediaStore.NotAnImage, (await ImportAsync(app, host.Url("/map.svg"))).Error);
        Assert.Equal("The file is too large: the limit is 2 KB.", (await ImportAsync(app, host.Url("/big.png"))).Error);
        Assert.StartsWith("The other site answered 404", (await ImportAsync(app, host.Url("/gone.png"))).Error);
        Assert.Equal("Only http and https addresses can be imported.", (await ImportAsync(app, "file:///etc/passwd")).Error);
        Assert.Empty(app.MediaFiles());
    }

    [Fact]
    public void ReplacingAnImageAddressRewritesInlineAndReferenceImagesAndNothingElse()
    {
        var images = new ExternalImages(new MarkdownRenderer());
        const string external = "https://photos.example.org/dam.png";
        var markdown = $"Intro with a [link]({external}).\n\n![The dam]({external})\n\n![Again][dam]\n\n![Local](/media/a.png)\n\n[dam]: {external}\n";
        Assert.Equal([external], images.Find(markdown, "https://ledger.example.test"));
        Assert.Empty(images.Find("![Own](https://ledger.example.test/media/a.png)", "https://ledger.example.test"));
        Assert.Equal(["//cdn.example.org/x.png"], images.Find("![Protocol-relative](//cdn.example.org/x.png)", "https://ledger.example.test"));

        var rewritten = images.Replace(markdown, external, "/media/abc.png");
        Assert.Equal($"Intro with a [link]({external}).\n\n![The dam](/media/abc.png)\n\n![Again][dam]\n\n![Local](/media/a.png)\n\n[dam]: /media/abc.png\n", rewritten);
        Assert.Empty(images.Find(rewritten, "https://ledger.example.test"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheEditorWarnsAboutAnImageOnAnotherSiteAndImportsItIntoTheBody(Db db)
    {
        var png = TestImages.Png(7, 3);
        await using var host = await ImageHost.StartAsync(new Dictionary<string, (string, byte[])> { ["/photos/dam.png"] = ("image/png", png) });
        await using var app = await TestApp.StartAsync(db, AllowLoopback);
        var client = await app.SignedInClientAsync(Roles.Editor);
        var external = host.Url("/photos/dam.png");
        var fields = AdminForms.Article("Mosul dam reservoir falls to a third", "preview", body: $"Levels fell.\n\n![The spillway]({external})\n");

        var previewed = await client.PostFormAsync("/admin/articles/new", fields);
        var html = await previewed.Content.ReadAsStringAsync(Ct);
        Assert.Contains("This image is on another site and will be blocked by the page's Content-Security-Policy", html);
        Assert.Contains($"name=\"ImportUrl\" value=\"{external}\"", html);
        Assert.Contains("Import into the media library", html);
        Assert.Empty(host.Requests);

        fields.Remove("Command");
        fields["ImportUrl"] = external;
        var imported = await client.PostFormAsync("/admin/articles/new?handler=ImportImage", fields);
        html = await imported.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var localUrl = "/media/" + Convert.ToHexStringLower(SHA256.HashData(png))[..32] + ".png";
        Assert.Contains($"Levels fell.\n\n![The spillway]({localUrl})\n</textarea>", WebUtility.HtmlDecode(html));
        Assert.DoesNotContain("Import into the media library", html);
        Assert.Contains("value=\"Mosul dam reservoir falls to a third\"", html);
        Assert.Contains($"<img src=\"{localUrl}\" alt=\"The spillway\"", AdminForms.PreviewDocument(html));
        Assert.Equal(["/photos/dam.png"], host.Requests);
        Assert.Equal(localUrl, (await app.WithDbAsync(d => d.Set<MediaAsset>().SingleAsync())).Url);
        Assert.Equal(0, await app.WithDbAsync(d => d.Articles.CountAsync()));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ARefusedImportSaysWhyAndLeavesTheBodyAsItWas(Db db)
    {
        await using var host = await ImageHost.StartAsync(new Dictionary<string, (string, byte[])> { ["/dam.png"] = ("image/png", TestImages.Png()) });
        await using var app = await TestApp.StartAsync(db);
        var client = await app.SignedInClientAsync(Roles.Editor);
        var external = host.Url("/dam.png");
        var fields = AdminForms.Article("Mosul dam", body: $"![Dam]({external})");
        fields.Remove("Command");
        fields["ImportUrl"] = external;
        var html = await (await client.PostFormAsync("/admin/articles/new?handler=ImportImage", fields)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Could not import " + external + ": " + ImageImporter.NotPublicMessage.Replace("'", "&#x27;"), html);
        Assert.Contains($"![Dam]({external})</textarea>", html);
        Assert.Empty(host.Requests);
    }
}
