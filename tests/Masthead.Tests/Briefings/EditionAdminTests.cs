using System.Net;
using Masthead.Accounts;
using Masthead.Briefings;
using Masthead.Content;
using Masthead.Delivery.Outbox;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Briefings;

public sealed class EditionAdminTests
{
    private static Task<List<int>> ItemsAsync(TestApp app, long editionId) =>
        app.WithDbAsync(d => d.EditionItems.Where(i => i.EditionId == editionId).OrderBy(i => i.Position).Select(i => i.ArticleId).ToListAsync());

    [Theory, ClassData(typeof(Databases))]
    public async Task EditorReordersRemovesAndAddsItemsWithPlainForms(Db db)
    {
        await using var app = await EditionTestSupport.StartAsync(db);
        var a = await app.CreateArticleAsync("Alpha");
        var b = await app.CreateArticleAsync("Bravo");
        var c = await app.CreateArticleAsync("Charlie");
        var hidden = await app.CreateArticleAsync("Hidden draft", ArticleStatus.Draft);
        var list = await app.CreateListAsync();
        var edition = await app.CreateDraftAsync(list.Id, a.Id, b.Id);
        var client = await app.SignedInClientAsync(Roles.Editor);
        var page = $"/admin/briefings/editions/{edition.Id}";

        var html = await client.GetStringAsync(page);
        Assert.Contains("Charlie", html);
        Assert.DoesNotContain("Hidden draft", html);

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{page}?handler=Move", new() { ["articleId"] = b.Id.ToString(), ["direction"] = "up" }, page)).StatusCode);
        Assert.Equal([b.Id, a.Id], await ItemsAsync(app, edition.Id));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{page}?handler=Add", new() { ["articleId"] = c.Id.ToString() }, page)).StatusCode);
        Assert.Equal([b.Id, a.Id, c.Id], await ItemsAsync(app, edition.Id));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{page}?handler=Remove", new() { ["articleId"] = a.Id.ToString() }, page)).StatusCode);
        Assert.Equal([b.Id, c.Id], await ItemsAsync(app, edition.Id));
        // An invisible article cannot be slipped in by posting its id.
        await client.PostFormAsync($"{page}?handler=Add", new() { ["articleId"] = hidden.Id.ToString() }, page);
        Assert.Equal([b.Id, c.Id], await ItemsAsync(app, edition.Id));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task IntroPreviewRendersMarkdownWithoutSavingAndSaveChecksTheSubject(Db db)
    {
        await using var app = await EditionTestSupport.StartAsync(db);
        var list = await app.CreateListAsync();
        var edition = await app.CreateDraftAsync(list.Id, (await app.CreateArticleAsync("Alpha")).Id);
        var client = await app.SignedInClientAsync(Roles.Editor);
        var page = $"/admin/briefings/editions/{edition.Id}";

        var preview = await client.PostFormAsync($"{page}?handler=PreviewIntro",
            new() { ["Input.Subject"] = "S", ["Input.Intro"] = "A **bold** start <script>alert(1)</script>" }, page);
        var body = await preview.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("<strong>bold</strong>", body);
        Assert.DoesNotContain("<script>alert(1)</script>", body);
        Assert.Equal("Good morning from **Dubai**.", await app.WithDbAsync(d => d.Editions.Where(e => e.Id == edition.Id).Select(e => e.Intro).SingleAsync()));

        var bad = await client.PostFormAsync($"{page}?handler=Save", new() { ["Input.Subject"] = "Two\r\nlines", ["Input.Intro"] = "changed" }, page);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("on one line", await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Good morning from **Dubai**.", await app.WithDbAsync(d => d.Editions.Where(e => e.Id == edition.Id).Select(e => e.Intro).SingleAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{page}?handler=Save",
            new() { ["Input.Subject"] = "Gulf, Thursday", ["Input.Preheader"] = "Ports", ["Input.Intro"] = "New intro" }, page)).StatusCode);
        var saved = await app.WithDbAsync(d => d.Editions.SingleAsync(e => e.Id == edition.Id));
        Assert.Equal(("Gulf, Thursday", "Ports", "New intro"), (saved.Subject, saved.Preheader, saved.Intro));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TestSendArrivesInThePickupFolderWithTestInTheSubjectAndQueuesNothing(Db db)
    {
        await using var app = await EditionTestSupport.StartAsync(db);
        var list = await app.CreateListAsync();
        var edition = await app.CreateDraftAsync(list.Id, (await app.CreateArticleAsync("Alpha")).Id);
        await app.CreateSubscriberAsync("reader@example.test", list.Id);
        var client = await app.SignedInClientAsync(Roles.Editor, "desk@example.test");
        var page = $"/admin/briefings/editions/{edition.Id}";

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{page}?handler=SendTest", [], page)).StatusCode);

        var mail = Mailbox.Latest(app.MailDirectory, "desk@example.test");
        Assert.NotNull(mail);
        Assert.Equal("[TEST] This week in the Gulf", mail.Subject);
        Assert.Contains("Alpha", mail.TextBody);
        Assert.Null(Mailbox.Latest(app.MailDirectory, "reader@example.test"));
        Assert.Equal(0, await app.WithDbAsync(d => d.Outbox.CountAsync()));
        Assert.Equal(EditionStatus.Draft, await app.WithDbAsync(d => d.Editions.Where(e => e.Id == edition.Id).Select(e => e.Status).SingleAsync()));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AnEditionWhoseRowsAreAllSettledReadsSentToOneRecipient(Db db)
    {
        await using var app = await EditionTestSupport.StartAsync(db);
        var list = await app.CreateListAsync();
        var edition = await app.CreateDraftAsync(list.Id, (await app.CreateArticleAsync("Alpha")).Id);
        await app.CreateSubscriberAsync("amira@example.test", list.Id, "Amira");
        var client = await app.SignedInClientAsync(Roles.Editor);
        var page = $"/admin/briefings/editions/{edition.Id}";
        await client.PostFormAsync($"{page}?handler=SendNow", new() { ["confirm"] = "yes" }, page);
        Assert.Contains("Status: <strong>Sending</strong>", await client.GetStringAsync(page));

        // A worker settled the one row (here: the server refused it for good).
        await app.WithDbAsync(d => d.Outbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Bounced)));
        var html = await client.GetStringAsync(page);
        Assert.Contains("Status: <strong>Sent</strong>", html);
        Assert.Contains("to 1 recipient</", html);
        Assert.DoesNotContain("http-equiv=\"refresh\"", html);
        Assert.Equal(EditionStatus.Sent, await app.WithDbAsync(d => d.Editions.Where(e => e.Id == edition.Id).Select(e => e.Status).SingleAsync()));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task SendNowAsksForConfirmationThenQueuesOneRowPerConfirmedActiveSubscriber(Db db)
    {
        await using var app = await EditionTestSupport.StartAsync(db);
        var list = await app.CreateListAsync();
        var other = await app.CreateListAsync("israel-briefing", "Israel Briefing");
        var edition = await app.CreateDraftAsync(list.Id, (await app.CreateArticleAsync("Alpha")).Id);
        var amira = await app.CreateSubscriberAsync("amira@example.test", list.Id, "Amira");
        var yusuf = await app.CreateSubscriberAsync("yusuf@example.test", list.Id);
        await app.CreateSubscriberAsync("pending@example.test", list.Id, confirmed: false);
        await app.CreateSubscriberAsync("gone@example.test", list.Id, status: SubscriptionStatus.Unsubscribed);
        await app.CreateSubscriberAsync("elsewhere@example.test", other.Id);
        var client = await app.SignedInClientAsync(Roles.Editor);
        var page = $"/admin/briefings/editions/{edition.Id}";

        var ask = await client.PostFormAsync($"{page}?handler=SendNow", [], page);
        Assert.Equal(HttpStatusCode.Redirect, ask.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(d => d.Outbox.CountAsync()));
        Assert.Contains("Yes, send now", await client.GetStringAsync(ask.Headers.Location!.ToString()));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{page}?handler=SendNow", new() { ["confirm"] = "yes" }, page)).StatusCode);
        var rows = await app.WithDbAsync(d => d.Outbox.OrderBy(m => m.SubscriberId).ToListAsync());
        Assert.Equal([amira.Id, yusuf.Id], rows.Select(r => r.SubscriberId!.Value));
        Assert.All(rows, r => Assert.Equal((OutboxWriter.EditionKind, edition.Id, OutboxStatus.Queued), (r.Kind, r.EditionId!.Value, r.Status)));
        var sent = await app.WithDbAsync(d => d.Editions.SingleAsync(e => e.Id == edition.Id));
        Assert.Equal((EditionStatus.Sending, 2), (sent.Status, sent.RecipientCount));
        Assert.Equal(app.Time.GetUtcNow().UtcDateTime, sent.SentAt);
        Assert.Equal(new DateOnly(2026, 11, 20), sent.ArchiveDate);

        // Sending again (a double click) adds nothing; the page is read-only with a progress bar.
        await client.PostFormAsync($"{page}?handler=SendNow", new() { ["confirm"] = "yes" }, page);
        Assert.Equal(2, await app.WithDbAsync(d => d.Outbox.CountAsync()));
        var html = await client.GetStringAsync(page);
        Assert.Contains("<progress", html);
        Assert.Contains("http-equiv=\"refresh\"", html);
        Assert.DoesNotContain("handler=Remove", html);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task PreparingTheNextEditionOpensADraftAndTheHistoryListsIt(Db db)
    {
        await using var app = await EditionTestSupport.StartAsync(db);
        var list = await app.CreateListAsync();
        await app.CreateArticleAsync("Alpha");
        var client = await app.SignedInClientAsync(Roles.Editor);
        var page = $"/admin/briefings/{list.Id}/editions";

        var first = await client.PostFormAsync($"{page}?handler=Prepare", [], page);
        var second = await client.PostFormAsync($"{page}?handler=Prepare", [], page);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await app.WithDbAsync(d => d.Editions.CountAsync(e => e.Status == EditionStatus.Draft)));
        Assert.Contains("Gulf Briefing: 20 November 2026", await client.GetStringAsync(page));
        var preview = await client.GetAsync(first.Headers.Location + "/preview", TestContext.Current.CancellationToken);
        Assert.Contains("sandbox", preview.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("Alpha", await preview.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task BriefingAdminRefusesReadersAndFormsWithoutAToken(Db db)
    {
        await using var app = await EditionTestSupport.StartAsync(db);
        var list = await app.CreateListAsync();
        var edition = await app.CreateDraftAsync(list.Id, (await app.CreateArticleAsync("Alpha")).Id);
        await app.CreateSubscriberAsync("amira@example.test", list.Id);
        var reader = await app.SignedInClientAsync();
        foreach (var url in new[] { "/admin/briefings", $"/admin/briefings/{list.Id}", $"/admin/briefings/{list.Id}/editions",
                     $"/admin/briefings/editions/{edition.Id}", $"/admin/briefings/editions/{edition.Id}/preview" })
        {
            var response = await reader.GetAsync(url, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{url}: {response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect) Assert.DoesNotContain("/admin", response.Headers.Location!.ToString());
        }
        var editor = await app.SignedInClientAsync(Roles.Editor);
        var forged = await editor.PostFormWithoutTokenAsync($"/admin/briefings/editions/{edition.Id}?handler=SendNow", new() { ["confirm"] = "yes" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var forgedList = await editor.PostFormWithoutTokenAsync($"/admin/briefings/{list.Id}", new() { ["Input.Name"] = "Hijacked" });
        Assert.Equal(HttpStatusCode.BadRequest, forgedList.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(d => d.Outbox.CountAsync()));
        Assert.Equal("Gulf Briefing", await app.WithDbAsync(d => d.BriefingLists.Select(l => l.Name).SingleAsync()));
    }
}
