using Masthead.Briefings;
using Masthead.Briefings.Editions;
using Masthead.Content;
using Masthead.Delivery.Outbox;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Masthead.Tests.Briefings;

public sealed class EditionRendererTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string ProBody = "SECRET-PRO-ANALYSIS the sanctions desk expects a tanker swap before the Hormuz review.";
    private const string PublicBody = "PUBLIC-EXCERPT-TEXT Ports in Jebel Ali handled record volumes this quarter.";

    private static async Task<(TestApp App, Edition Edition, BriefingList List)> SendableAsync(Db db)
    {
        var app = await EditionTestSupport.StartAsync(db);
        var pro = await app.CreateArticleAsync("Tanker swap memo", access: AccessLevel.Pro, body: ProBody, sectionSlug: "energy", authorName: "Rana Haddad");
        var pub = await app.CreateArticleAsync("Port volumes at a record", body: PublicBody, sectionSlug: "markets");
        var list = await app.CreateListAsync();
        var edition = await app.CreateDraftAsync(list.Id, pro.Id, pub.Id);
        return (app, edition, list);
    }

    private static async Task<MimeMessage> RenderRowAsync(TestApp app, long editionId, long subscriberId, string email, string? name)
    {
        var renderer = app.Services.GetServices<IOutboxRenderer>().Single(r => r.Kind == OutboxWriter.EditionKind);
        var row = new OutboxMessage
        {
            Kind = OutboxWriter.EditionKind, MessageKey = OutboxWriter.EditionMessageKey(editionId, subscriberId), EditionId = editionId,
            SubscriberId = subscriberId, ToAddress = email, ToName = name,
        };
        return await renderer.RenderAsync(row, Ct);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task RenderedMessageHasListHeadersBothPartsAndPersonalLinksPerRecipient(Db db)
    {
        var (app, edition, list) = await SendableAsync(db);
        await using var _ = app;
        var a = await RenderRowAsync(app, edition.Id, 11, "amira@example.test", "Amira");
        var b = await RenderRowAsync(app, edition.Id, 12, "yusuf@example.test", null);

        Assert.Equal($"<{list.Slug}.localhost>", a.Headers["List-Id"]);
        Assert.Equal($"<http://localhost/briefings/unsubscribe?token=test-11-{list.Id}>, <mailto:unsubscribe@localhost?subject=unsubscribe-11-{list.Id}>",
            a.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", a.Headers["List-Unsubscribe-Post"]);
        Assert.Equal($"edition/{edition.Id}/11", a.Headers["X-Masthead-Key"]);
        Assert.Equal("briefings@ledger.example", a.From.Mailboxes.Single().Address);
        Assert.Equal("amira@example.test", a.To.Mailboxes.Single().Address);
        Assert.Equal("This week in the Gulf", a.Subject);
        Assert.NotNull(a.HtmlBody);
        Assert.NotNull(a.TextBody);
        Assert.Contains("token=test-11", a.HtmlBody);
        Assert.Contains("token=test-11", a.TextBody);
        Assert.DoesNotContain("token=test-11", b.HtmlBody);
        Assert.Contains("token=test-12", b.HtmlBody);
        Assert.Contains("Dear Amira,", a.TextBody);
        Assert.Contains("Hello,", b.TextBody);
        Assert.Contains("yusuf@example.test", b.HtmlBody);
        Assert.Contains("<strong>Dubai</strong>", a.HtmlBody);
        Assert.Contains("name=\"color-scheme\"", a.HtmlBody);
        Assert.Contains("http://localhost/articles/port-volumes-at-a-record", a.TextBody);
        using var size = new MimeKit.IO.MeasuringStream();
        a.WriteTo(size);
        Assert.InRange(size.Length, 1, EditionComposer.MaxMessageBytes - 1);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ProArticleIsATeaserWithoutItsTextInEitherPart(Db db)
    {
        var (app, edition, _) = await SendableAsync(db);
        await using var _1 = app;
        var m = await RenderRowAsync(app, edition.Id, 11, "amira@example.test", "Amira");

        Assert.Contains("Tanker swap memo", m.HtmlBody);
        Assert.Contains("PRO", m.HtmlBody);
        Assert.Contains("[PRO]", m.TextBody);
        Assert.Contains("http://localhost/articles/tanker-swap-memo", m.HtmlBody);
        Assert.DoesNotContain("SECRET-PRO-ANALYSIS", m.HtmlBody);
        Assert.DoesNotContain("SECRET-PRO-ANALYSIS", m.TextBody);
        // A public article may carry a short excerpt: the check above is about access, not about excerpts.
        Assert.Contains("PUBLIC-EXCERPT-TEXT", m.TextBody);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task SubscriberNameIsHtmlEncodedAndHeaderSafe(Db db)
    {
        var (app, edition, _) = await SendableAsync(db);
        await using var _1 = app;
        var m = await RenderRowAsync(app, edition.Id, 11, "x@example.test", "<script>alert(1)</script>\r\nBcc: evil@example.test");

        Assert.DoesNotContain("<script>alert(1)</script>", m.HtmlBody);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", m.HtmlBody);
        Assert.Empty(m.Bcc);
        Assert.Single(m.To.Mailboxes);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ATemplateThatFiltersAPersonalFieldStillRendersPerRecipient(Db db)
    {
        var (app, edition, list) = await SendableAsync(db);
        await using var _1 = app;
        await app.WithDbAsync(d => d.BriefingLists.Where(l => l.Id == list.Id).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.TextTemplate, "{% if subscriber.name != \"\" %}Hi {{ subscriber.name | upcase }}{% else %}Hi there{% endif %} {{ links.unsubscribe }}")
            .SetProperty(l => l.SubjectTemplate, "[{{ list.name }}] {{ edition.subject }}")));

        var a = await RenderRowAsync(app, edition.Id, 11, "a@example.test", "Amira");
        var b = await RenderRowAsync(app, edition.Id, 12, "b@example.test", null);
        Assert.StartsWith("Hi AMIRA http://localhost/briefings/unsubscribe?token=test-11", a.TextBody);
        Assert.StartsWith("Hi there http://localhost/briefings/unsubscribe?token=test-12", b.TextBody);
        Assert.Equal("[Gulf Briefing] This week in the Gulf", a.Subject);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ItemsAreLeftOutWhenTheMessageWouldPass100Kilobytes(Db db)
    {
        await using var app = await EditionTestSupport.StartAsync(db);
        var list = await app.CreateListAsync(maxItems: 100);
        // Long deks: each item adds several kilobytes to both parts.
        var ids = new List<int>();
        for (var i = 0; i < 40; i++)
        {
            var a = await app.CreateArticleAsync($"Long item {i}");
            await app.WithDbAsync(d => d.Articles.Where(x => x.Id == a.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Dek, new string('d', 590))));
            ids.Add(a.Id);
        }
        await app.WithDbAsync(d => d.BriefingLists.Where(l => l.Id == list.Id).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.HtmlTemplate, "{% for item in items %}<p>{{ item.dek }}{{ item.dek }}{{ item.dek }}{{ item.dek }}</p>{% endfor %}{{ links.unsubscribe }}")));
        var edition = await app.CreateDraftAsync(list.Id, [.. ids]);

        var rendered = await app.InScopeAsync(sp => sp.GetRequiredService<EditionComposer>().LoadAsync(sp.GetRequiredService<Masthead.Data.MastheadDb>(), edition.Id, Ct));
        var m = await RenderRowAsync(app, edition.Id, 11, "a@example.test", "Amira");
        using var size = new MimeKit.IO.MeasuringStream();
        m.WriteTo(size);

        Assert.True(rendered!.DroppedItems > 0);
        Assert.InRange(size.Length, 1, EditionComposer.MaxMessageBytes - 1);
    }

    /// <summary>Not a timing assertion: renders many rows, checks each is personal, and prints the cost per
    /// recipient to the test output (about the figure quoted in the editions README).</summary>
    [Fact]
    public async Task ManyRecipientsEachGetTheirOwnLinksFromOneCachedRender()
    {
        var (app, edition, _) = await SendableAsync(Db.Sqlite);
        await using var _1 = app;
        var renderer = app.Services.GetServices<IOutboxRenderer>().Single(r => r.Kind == OutboxWriter.EditionKind);
        await RenderRowAsync(app, edition.Id, 1, "warm@example.test", "Warm"); // loads and renders the edition once
        const int rows = 20_000;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var distinct = 0;
        for (var i = 2; i < rows + 2; i++)
        {
            var m = await renderer.RenderAsync(new OutboxMessage
            {
                Kind = OutboxWriter.EditionKind, MessageKey = OutboxWriter.EditionMessageKey(edition.Id, i), EditionId = edition.Id,
                SubscriberId = i, ToAddress = $"r{i}@example.test", ToName = $"Reader {i}",
            }, Ct);
            if (m.HtmlBody.Contains($"token=test-{i}\"", StringComparison.Ordinal)) distinct++;
        }
        clock.Stop();
        Assert.Equal(rows, distinct);
        TestContext.Current.TestOutputHelper?.WriteLine($"{clock.Elapsed.TotalMicroseconds / rows:F1} µs per recipient (RenderAsync, plus the test reading the HTML back)");
        var cached = await app.Services.GetRequiredService<EditionRenderer>().GetAsync(edition.Id, Ct);
        clock.Restart();
        for (var i = 0; i < rows; i++) cached.Render(new Masthead.Briefings.Templates.Personal($"Reader {i}", $"r{i}@example.test", "https://x/p?t=" + i, "https://x/u?t=" + i, "https://x/a?t=" + i));
        TestContext.Current.TestOutputHelper?.WriteLine($"{clock.Elapsed.TotalMicroseconds / rows:F1} µs per recipient (skeleton fill only)");
        clock.Restart();
        for (var i = 0; i < rows; i++) cached.ToMessage($"r{i}@example.test", $"Reader {i}", new Masthead.Briefings.Templates.Personal($"Reader {i}", $"r{i}@example.test", "https://x/p?t=" + i, "https://x/u?t=" + i, "https://x/a?t=" + i), "mailto:u@x", "k", DateTimeOffset.UnixEpoch);
        TestContext.Current.TestOutputHelper?.WriteLine($"{clock.Elapsed.TotalMicroseconds / rows:F1} µs per recipient (fill + MimeMessage)");
    }
}
