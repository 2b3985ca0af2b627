using System.Net;
using Masthead.Accounts;
using Masthead.Tests.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.Delivery;

public sealed class AdminMailboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(Databases))]
    public async Task MailboxIsForStaffOnly(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.CreateBrowserClient().RequestLinkAsync("someone@example.test");
        await Mailbox.WaitForAsync(app.MailDirectory, "someone@example.test");
        var id = Path.GetFileNameWithoutExtension(Directory.GetFiles(app.MailDirectory, "*.eml").Single());

        foreach (var url in new[] { "/admin/mail", $"/admin/mail/{id}", $"/admin/mail/{id}/html" })
        {
            var anonymous = await app.CreateBrowserClient().GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("/account/signin", anonymous.LocalLocation());

            var reader = await (await app.SignedInClientAsync(Roles.Reader)).GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.Redirect, reader.StatusCode);
            Assert.StartsWith("/account/denied", reader.LocalLocation());
        }

        var editor = await app.SignedInClientAsync(Roles.Editor);
        var list = await editor.GetAsync("/admin/mail", Ct);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var html = await list.Content.ReadAsStringAsync(Ct);
        Assert.Contains("someone@example.test", html);
        Assert.Contains("Your sign-in link for The Levant Ledger", html);
        Assert.Contains($"href=\"/admin/mail/{id}\"", html);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task MessagePageShowsHeadersTextAndASandboxedHtmlPart(Db db)
    {
        await using var app = await TestApp.StartAsync(db, new() { ["Accounts:IpPermitLimit"] = "50" });
        // One after the other, so "newest" is well defined.
        await app.CreateBrowserClient().RequestLinkAsync("first@example.test");
        await Mailbox.WaitForAsync(app.MailDirectory, "first@example.test");
        await app.CreateBrowserClient().RequestLinkAsync("second@example.test");
        await Mailbox.WaitForAsync(app.MailDirectory, "second@example.test");
        var admin = await app.SignedInClientAsync(Roles.Admin);

        var list = await admin.GetStringAsync("/admin/mail", Ct);
        Assert.True(list.IndexOf("second@example.test", StringComparison.Ordinal) < list.IndexOf("first@example.test", StringComparison.Ordinal),
            "newest first");

        var id = Path.GetFileNameWithoutExtension(new DirectoryInfo(app.MailDirectory).GetFiles("*.eml")
            .OrderByDescending(f => f.LastWriteTimeUtc).First().Name);
        var page = await admin.GetAsync($"/admin/mail/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var body = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("second@example.test", body);
        Assert.Contains("<pre class=\"mail-text\">", body);
        Assert.Contains($"<iframe class=\"mail-frame\" sandbox src=\"/admin/mail/{id}/html\"", body);
        Assert.Contains("href=\"http://localhost/account/magic?token=", body);
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());

        var part = await admin.GetAsync($"/admin/mail/{id}/html", Ct);
        Assert.Equal(HttpStatusCode.OK, part.StatusCode);
        Assert.Equal("text/html", part.Content.Headers.ContentType?.MediaType);
        var csp = part.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("sandbox", csp);
        Assert.Contains("frame-ancestors 'self'", csp);
        Assert.DoesNotContain("script-src", csp);
        Assert.Equal("SAMEORIGIN", part.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("Sign in as second@example.test", await part.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("..%2F..%2Fmasthead.db")]
    [InlineData("...")] // ".." alone is a dot segment: the client resolves it before sending
    [InlineData("20261120T090000000Z-00000000000000000000000000000000")]
    [InlineData("20261120T090000000Z-ABCDEF00000000000000000000000000")]
    public async Task UnknownOrMalformedMessageIdsAreNotFound(string id)
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.SignedInClientAsync(Roles.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/mail/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/mail/{id}/html", Ct)).StatusCode);
    }
}
