using System.Net;
using Masthead.Accounts;
using Masthead.Briefings;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Briefings;

public sealed class SubscribingAdminTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Pages =
        ["/admin/subscribers", "/admin/subscribers/import", "/admin/subscribers/export", "/admin/suppressions", "/admin/briefings/embed"];

    [Theory, ClassData(typeof(Databases))]
    public async Task SubscriberAdminPagesAreRefusedToReadersAndAnonymousVisitors(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var reader = await app.SignedInClientAsync();
        var anonymous = app.CreateBrowserClient();
        foreach (var page in Pages.Append("/admin/subscribers/export?handler=Csv"))
        {
            var asReader = await reader.GetAsync(page, Ct);
            Assert.True(asReader.StatusCode is HttpStatusCode.Forbidden
                || (asReader.StatusCode == HttpStatusCode.Redirect && asReader.Headers.Location!.OriginalString.Contains("/account/denied")),
                $"{page} answered {(int)asReader.StatusCode} to a reader");
            var asNobody = await anonymous.GetAsync(page, Ct);
            Assert.Equal(HttpStatusCode.Redirect, asNobody.StatusCode);
        }
        await app.ConfirmedSubscriberAsync("private@example.test", "daily-briefing");
        var export = await reader.GetAsync("/admin/subscribers/export?handler=Csv", Ct);
        Assert.DoesNotContain("private@example.test", await export.Content.ReadAsStringAsync(Ct));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheSubscriberListSearchesFiltersAndCountsPerBriefing(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.ConfirmedSubscriberAsync("alpha@example.test", "gulf-briefing");
        await app.ConfirmedSubscriberAsync("beta@example.test", "gulf-briefing", "iraq-briefing");
        await app.CreateBrowserClient().SubscribeAsync("gamma@example.test", await app.ListIdAsync("iraq-briefing"));
        var admin = await app.SignedInClientAsync(Roles.Admin);

        var all = await admin.GetStringAsync("/admin/subscribers", Ct);
        Assert.Contains("3 addresses", all);
        var search = await admin.GetStringAsync("/admin/subscribers?q=BETA", Ct);
        Assert.Contains("beta@example.test", search);
        Assert.DoesNotContain("alpha@example.test", search);
        var pending = await admin.GetStringAsync("/admin/subscribers?list=iraq-briefing&status=Pending", Ct);
        Assert.Contains("gamma@example.test", pending);
        Assert.DoesNotContain("beta@example.test", pending);
        Assert.Contains("1 address", pending);
        Assert.Matches("Iraq Briefing</a></td><td>1</td><td>1</td>", all);
        Assert.Matches("Gulf Briefing</a></td><td>2</td><td>0</td>", all);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AdminsAddAndRemoveSuppressionsAndTheFormsNeedAToken(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.SignedInClientAsync(Roles.Admin);

        var forged = await admin.PostFormWithoutTokenAsync("/admin/suppressions?handler=Add", new() { ["Email"] = "x@example.test" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var forgedImport = await admin.PostFormWithoutTokenAsync("/admin/subscribers/import", new() { ["Confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.BadRequest, forgedImport.StatusCode);
        Assert.False(await app.WithDbAsync(d => d.Suppressions.AnyAsync(Ct)));

        var invalid = await admin.PostFormAsync("/admin/suppressions?handler=Add", new() { ["Email"] = "nope" }, "/admin/suppressions");
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("Enter a valid email address.", await invalid.Content.ReadAsStringAsync(Ct));

        var added = await admin.PostFormAsync("/admin/suppressions?handler=Add", new() { ["Email"] = " Noisy@Example.test", ["Detail"] = "asked by phone" }, "/admin/suppressions");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var row = await app.WithDbAsync(d => d.Suppressions.SingleAsync(Ct));
        Assert.Equal(("noisy@example.test", SuppressionReason.Manual, "asked by phone"), (row.Email, row.Reason, row.Detail));
        Assert.Contains("noisy@example.test", await admin.GetStringAsync("/admin/suppressions", Ct));

        var removed = await admin.PostFormAsync($"/admin/suppressions?handler=Remove&id={row.Id}", [], "/admin/suppressions");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await app.WithDbAsync(d => d.Suppressions.AnyAsync(Ct)));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheEmbedPageShowsASnippetPostingToTheEmbedEndpoint(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var editor = await app.SignedInClientAsync(Roles.Editor);
        var page = WebUtility.HtmlDecode(await editor.GetStringAsync("/admin/briefings/embed?list=gulf-briefing", Ct));
        Assert.Contains("action=\"http://localhost/briefings/subscribe/embed\"", page);
        Assert.Contains("name=\"list\" value=\"gulf-briefing\"", page);
        Assert.Contains("name=\"website\"", page);
    }
}
