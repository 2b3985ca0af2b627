using System.Net;
using Masthead.Accounts;
using Masthead.Delivery;
using Masthead.Tests.Briefings;
using Masthead.Tests.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.Delivery;

public sealed class AdminMailboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(Databases))]
    public async Task MailboxIsForAdminsOnly(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.CreateBrowserClient().RequestLinkAsync("someone@example.test");
        await Mailbox.WaitForAsync(app.MailDirectory, "someone@example.test");
        var id = Path.GetFileNameWithoutExtension(Directory.GetFiles(app.MailDirectory, "*.eml").Single());
        var reader = await app.SignedInClientAsync(Roles.Reader);
        var editor = await app.SignedInClientAsync(Roles.Editor);

        foreach (var url in new[] { "/admin/mail", $"/admin/mail/{id}", $"/admin/mail/{id}/html" })
        {
            var anonymous = await app.CreateBrowserClient().GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("/account/signin", anonymous.LocalLocation());

            foreach (var staffOrNot in new[] { reader, editor })
            {
                var refused = await staffOrNot.GetAsync(url, Ct);
                Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
                Assert.StartsWith("/account/denied", refused.LocalLocation());
                Assert.Equal(HttpStatusCode.Forbidden, (await staffOrNot.GetAsync(refused.LocalLocation(), Ct)).StatusCode);
            }
        }
        Assert.DoesNotContain("href=\"/admin/mail\"", await editor.GetStringAsync("/admin", Ct));

        var admin = await app.SignedInClientAsync(Roles.Admin);
        var list = await admin.GetAsync("/admin/mail", Ct);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var html = await list.Content.ReadAsStringAsync(Ct);
        Assert.Contains("someone@example.test", html);
        Assert.Contains("Your sign-in link for The Levant Ledger", html);
        Assert.Contains($"href=\"/admin/mail/{id}\"", html);
        Assert.Contains("href=\"/admin/mail\"", await admin.GetStringAsync("/admin", Ct));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task MessagePageShowsHeadersTextAndASandboxedHtmlPart(Db db)
    {
        await using var app = await TestApp.StartAsync(db, new() { ["Accounts:IpPermitLimit"] = "50" });
        var admin = await app.SignedInClientAsync(Roles.Admin, "chief@example.test");
        // One after the other, so "newest" is well defined. The second is the admin's own: shown whole.
        await app.CreateBrowserClient().RequestLinkAsync("first@example.test");
        await Mailbox.WaitForAsync(app.MailDirectory, "first@example.test");
        await app.CreateBrowserClient().RequestLinkAsync("chief@example.test");
        var own = await Mailbox.WaitForAsync(app.MailDirectory, "chief@example.test");

        var list = await admin.GetStringAsync("/admin/mail", Ct);
        list = list[list.IndexOf("<tbody>", StringComparison.Ordinal)..]; // past "Signed in as chief@…" in the header
        Assert.True(list.IndexOf("chief@example.test", StringComparison.Ordinal) < list.IndexOf("first@example.test", StringComparison.Ordinal),
            "newest first");

        var id = IdOf(app, "chief@example.test");
        var page = await admin.GetAsync($"/admin/mail/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var body = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("chief@example.test", body);
        Assert.Contains("<pre class=\"mail-text\">", body);
        Assert.Contains($"<iframe class=\"mail-frame\" sandbox src=\"/admin/mail/{id}/html\"", body);
        Assert.Contains($"href=\"{Mailbox.FindLink(own, "/account/magic")}\"", body);
        Assert.DoesNotContain(MailboxView.Mask, body);
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
        Assert.Contains("Sign in as chief@example.test", await part.Content.ReadAsStringAsync(Ct));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AnotherReadersLiveSignInLinkIsMaskedInTheTextTheHtmlAndTheLinkList(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.SignedInClientAsync(Roles.Admin);
        await app.CreateBrowserClient().RequestLinkAsync("victim@example.test");
        var (link, page, part) = await OpenMaskedAsync(app, admin, "victim@example.test", "/account/magic");
        Assert.Contains($"http://localhost/account/magic?token={MailboxView.Mask}", page);
        Assert.Contains(MailboxView.SignInHidden, page);
        Assert.DoesNotContain("href=\"http://localhost/account/magic", page);
        Assert.Contains($"href=\"http://localhost/account/magic?token={MailboxView.Mask}\"", part);

        // Still the reader's to use, and it signs in only them.
        var victim = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await victim.UseLinkAsync(Mailbox.PathAndQuery(link))).StatusCode);
        Assert.True(await victim.IsSignedInAsync());
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ASignInLinkIsShownWholeOnceItIsUsedOrExpired(Db db)
    {
        await using var app = await TestApp.StartAsync(db, new() { ["Accounts:IpPermitLimit"] = "50" });
        var admin = await app.SignedInClientAsync(Roles.Admin);
        await app.CreateBrowserClient().RequestLinkAsync("used@example.test");
        var used = Mailbox.FindLink(await Mailbox.WaitForAsync(app.MailDirectory, "used@example.test"), "/account/magic")!;
        var usedId = IdOf(app, "used@example.test");
        await app.CreateBrowserClient().RequestLinkAsync("idle@example.test");
        var idle = Mailbox.FindLink(await Mailbox.WaitForAsync(app.MailDirectory, "idle@example.test"), "/account/magic")!;
        var idleId = IdOf(app, "idle@example.test");

        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserClient().UseLinkAsync(Mailbox.PathAndQuery(used))).StatusCode);
        Assert.Contains($"href=\"{used}\"", await admin.GetStringAsync($"/admin/mail/{usedId}", Ct));
        Assert.DoesNotContain(AccountFlows.TokenOf(Mailbox.PathAndQuery(idle)), await admin.GetStringAsync($"/admin/mail/{idleId}", Ct));

        app.Time.Advance(TimeSpan.FromMinutes(16)); // magic links live 15 minutes
        Assert.Contains($"href=\"{idle}\"", await admin.GetStringAsync($"/admin/mail/{idleId}", Ct));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ASubscribersConfirmationLinkIsMaskedBecauseItNeverExpires(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.SignedInClientAsync(Roles.Admin);
        await app.CreateBrowserClient().SubscribeAsync("subscriber@example.test", await app.ListIdAsync("daily-briefing"));
        var (_, page, _) = await OpenMaskedAsync(app, admin, "subscriber@example.test", "/briefings/confirm");
        Assert.Contains($"http://localhost/briefings/confirm?token={MailboxView.Mask}", page);
        Assert.Contains(MailboxView.PersonalHidden, page);
    }

    /// <summary>Opens the message to <paramref name="to"/> as <paramref name="admin"/> (page and HTML part) and checks that
    /// neither holds the token of its link to <paramref name="path"/>, which the pickup folder itself shows.</summary>
    private static async Task<(string Link, string Page, string Part)> OpenMaskedAsync(TestApp app, HttpClient admin, string to, string path)
    {
        var link = Mailbox.FindLink(await Mailbox.WaitForAsync(app.MailDirectory, to), path)!;
        var id = IdOf(app, to);
        var page = await admin.GetStringAsync($"/admin/mail/{id}", Ct);
        var part = await admin.GetStringAsync($"/admin/mail/{id}/html", Ct);
        var token = AccountFlows.TokenOf(Mailbox.PathAndQuery(link));
        Assert.DoesNotContain(token, page);
        Assert.DoesNotContain(token, part);
        return (link, page, part);
    }

    /// <summary>The mailbox id of the one message to <paramref name="to"/>, read from the pickup folder.</summary>
    private static string IdOf(TestApp app, string to) => Path.GetFileNameWithoutExtension(Directory.GetFiles(app.MailDirectory, "*.eml")
        .Single(f => MimeKit.MimeMessage.Load(f).To.Mailboxes.Any(m => m.Address == to)));

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
