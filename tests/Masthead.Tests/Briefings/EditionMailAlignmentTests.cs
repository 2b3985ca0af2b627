using System.Net;
using Masthead.Accounts;
using Masthead.Briefings;
using Masthead.Operations;
using Masthead.Tests.Delivery;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Masthead.Tests.Briefings;

/// <summary>Editions and DMARC: Production sends no edition whose From address cannot pass it, and a test to an editor
/// is signed like the real thing and offers no unsubscribe it cannot honour.</summary>
public sealed class EditionMailAlignmentTests
{
    private static readonly Dictionary<string, string?> Production = new() { ["environment"] = "Production", ["Mail:AllowPickupInProduction"] = "true" };

    [Theory, ClassData(typeof(Databases))]
    public async Task ProductionRefusesToSendOrScheduleAnEditionFromAFromAddressNotAlignedWithTheDkimDomain(Db db)
    {
        using var key = new DkimTestKey();
        await using var app = await EditionTestSupport.StartAsync(db, key.Settings(Production));
        var list = await app.CreateListAsync();
        await app.WithDbAsync(d => d.BriefingLists.Where(l => l.Id == list.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.FromAddress, "briefings@levant.example")));
        var edition = await app.CreateDraftAsync(list.Id, (await app.CreateArticleAsync("Alpha")).Id);
        await app.CreateSubscriberAsync("amira@example.test", list.Id);
        var client = await app.SignedInClientAsync(Roles.Editor);
        var page = $"/admin/briefings/editions/{edition.Id}";

        Assert.Contains("In Production, this edition will not be sent until that is fixed.", await client.GetStringAsync(page, TestContext.Current.CancellationToken));
        var send = await client.PostFormAsync($"{page}?handler=SendNow", new() { ["confirm"] = "yes" }, page);
        Assert.Equal(HttpStatusCode.OK, send.StatusCode);
        var html = WebUtility.HtmlDecode(await send.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("Not sent: Mail from briefings@levant.example is DKIM-signed for ledger.example, which is not aligned with its From domain "
            + "levant.example: it will fail DMARC at most receivers.", html);
        Assert.Contains("nothing was queued", html);
        var schedule = await client.PostFormAsync($"{page}?handler=Schedule", new() { ["sendAt"] = "2026-12-01T07:00" }, page);
        Assert.Contains("Not sent: Mail from briefings@levant.example", WebUtility.HtmlDecode(await schedule.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));

        Assert.Equal(0, await app.WithDbAsync(d => d.Outbox.CountAsync()));
        var unchanged = await app.WithDbAsync(d => d.Editions.AsNoTracking().SingleAsync(e => e.Id == edition.Id));
        Assert.Equal((EditionStatus.Draft, null, null, 0), (unchanged.Status, unchanged.SentAt, unchanged.SendAt, unchanged.RecipientCount));

        // The same edition from an aligned address is sent: what was refused was the sender, not Production.
        await app.WithDbAsync(d => d.BriefingLists.Where(l => l.Id == list.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.FromAddress, "briefings@news.ledger.example")));
        Assert.DoesNotContain("will not be sent", await client.GetStringAsync(page, TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{page}?handler=SendNow", new() { ["confirm"] = "yes" }, page)).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(d => d.Outbox.CountAsync()));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task InProductionTheCliRefusesToSendUnsignedEditionsAndPreparesNothing(Db db)
    {
        await using var app = await EditionTestSupport.StartAsync(db, Production);
        var list = await app.CreateListAsync();
        var edition = await app.CreateDraftAsync(list.Id, (await app.CreateArticleAsync("Alpha")).Id);
        await app.CreateSubscriberAsync("amira@example.test", list.Id);

        var (code, output) = await EditionCliTests.RunAsync(app, "briefings", "send", "--edition", edition.Id.ToString(), "--timeout", "0");
        Assert.Equal(Cli.BadInput, code);
        Assert.Contains("Not sent: Mail from briefings@ledger.example is not DKIM-signed", output);
        (code, output) = await EditionCliTests.RunAsync(app, "briefings", "send", "--list", list.Slug, "--timeout", "0");
        Assert.Equal(Cli.BadInput, code);
        Assert.Contains("will fail DMARC at most receivers", output);

        Assert.Equal(0, await app.WithDbAsync(d => d.Outbox.CountAsync()));
        Assert.Equal([(edition.Id, EditionStatus.Draft)],
            await app.WithDbAsync(d => d.Editions.Select(e => new ValueTuple<long, EditionStatus>(e.Id, e.Status)).ToListAsync()));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ATestToMeIsDkimSignedLikeAnEditionAndCarriesNoUnsubscribeHeaders(Db db)
    {
        using var key = new DkimTestKey();
        await using var app = await EditionTestSupport.StartAsync(db, key.Settings());
        var list = await app.CreateListAsync();
        var edition = await app.CreateDraftAsync(list.Id, (await app.CreateArticleAsync("Alpha")).Id);
        var client = await app.SignedInClientAsync(Roles.Editor, "desk@example.test");
        var page = $"/admin/briefings/editions/{edition.Id}";

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{page}?handler=SendTest", [], page)).StatusCode);

        var mail = Mailbox.Latest(app.MailDirectory, "desk@example.test");
        Assert.NotNull(mail);
        var signature = mail.Headers[HeaderId.DkimSignature];
        Assert.NotNull(signature);
        Assert.Contains("d=ledger.example", signature);
        Assert.Contains("from", DkimSigningTests.SignedHeaderNames(signature));
        Assert.True(await key.VerifiesAsync(mail), "the test message's DKIM signature did not verify");
        Assert.False(mail.Headers.Contains(HeaderId.ListUnsubscribe));
        Assert.False(mail.Headers.Contains("List-Unsubscribe-Post"));
        Assert.True(mail.Headers.Contains(HeaderId.ListId));

        mail.Subject = "Something else";
        Assert.False(await key.VerifiesAsync(mail));
    }
}
