using System.Buffers.Binary;
using System.Net;
using Masthead.Accounts;
using Masthead.Billing.Subscriptions;
using Masthead.Content;
using Masthead.Content.Charts;
using Masthead.Content.Charts.Email;
using Masthead.Delivery.Outbox;
using Masthead.Tests.Billing.Admin;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Masthead.Tests.Content.Charts.Email;

public sealed class TrendReportEmailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static DateTime Now(TestApp app) => app.Time.GetUtcNow().UtcDateTime;

    /// <summary>A published PRO trend report with two charts: one placed by its short code between two paragraphs, one
    /// that follows the body.</summary>
    private static async Task<Article> ReportAsync(TestApp app, ArticleStatus status = ArticleStatus.Published, ArticleKind kind = ArticleKind.TrendReport)
    {
        var report = await app.CreateArticleAsync("Gulf ports in 2026", kind: kind, status: status, access: AccessLevel.Pro,
            body: "Opening paragraph with [a link](/articles/elsewhere).\n\n[[chart:gulf-teu]]\n\nClosing paragraph.");
        await app.CreateChartAsync(report.Id, "gulf-teu");
        await app.CreateChartAsync(report.Id, "gulf-teu-bars", description: "The same ports as bars.", type: ChartType.Bar);
        return report;
    }

    private static async Task<User> ProMemberAsync(TestApp app, string email, SubscriptionStatus status = SubscriptionStatus.Active,
        bool cancelAtPeriodEnd = false, DateTime? periodEnd = null)
    {
        var now = Now(app);
        var seeded = status == SubscriptionStatus.Trialing
            ? await app.MemberAsync(email, status, now.AddDays(-2))
            : await app.MemberAsync(email, status, now.AddDays(-40), paidAt: now.AddDays(-33));
        if (cancelAtPeriodEnd || periodEnd is not null)
        {
            await app.WithDbAsync(db => db.Set<MemberSubscription>().Where(s => s.Id == seeded.SubscriptionId).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.CancelAtPeriodEnd, cancelAtPeriodEnd)
                .SetProperty(s => s.CurrentPeriodEnd, s => periodEnd ?? s.CurrentPeriodEnd), Ct));
        }
        return seeded.User;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient editor, int articleId) =>
        editor.PostFormAsync($"/admin/articles/{articleId}/email", new() { ["confirm"] = "yes" }, formPage: $"/admin/articles/{articleId}");

    private static Task<int> TrendRowsAsync(TestApp app) =>
        app.WithDbAsync(db => db.Outbox.CountAsync(o => o.Kind == "trend-report", Ct));

    [Theory, ClassData(typeof(Databases))]
    public async Task EachChartArrivesAsAnInlinePngThatTheHtmlShowsByContentIdWithItsTableAsText(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var report = await ReportAsync(app);
        await ProMemberAsync(app, "pro@example.test");
        var editor = await app.SignedInClientAsync(Roles.Editor);

        var sent = await SendAsync(editor, report.Id);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        await app.DeliverQueuedAsync();

        var message = Assert.Single(Mailbox.To(app.MailDirectory, "pro@example.test"));
        Assert.Equal("Trend report: Gulf ports in 2026", message.Subject);
        var html = message.HtmlBody;
        var text = message.TextBody;
        var images = message.BodyParts.OfType<MimePart>().Where(p => p.ContentType.IsMimeType("image", "png")).ToList();
        Assert.Equal(2, images.Count);
        foreach (var image in images)
        {
            Assert.False(string.IsNullOrEmpty(image.ContentId));
            Assert.Contains($"src=\"cid:{image.ContentId}\"", html);
            using var bytes = new MemoryStream();
            await image.Content.DecodeToAsync(bytes, Ct);
            var png = bytes.ToArray();
            Assert.Equal(PngMagic, png[..8]);
            // IHDR: width and height, big-endian, right after the chunk's length and type.
            Assert.Equal(960, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
            Assert.True(BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)) > 100);
        }
        // The inline images sit with the HTML in multipart/related, not as attachments a client lists.
        Assert.Contains(message.BodyParts, p => p.ContentType.IsMimeType("multipart", "related") || p is MimePart { IsAttachment: false });
        Assert.All(images, i => Assert.False(i.IsAttachment));

        // The placed chart sits between its paragraphs, the other after the body; alt text is title and description.
        var placed = html.IndexOf("alt=\"Container throughput. Monthly throughput at two ports.\"", StringComparison.Ordinal);
        Assert.True(placed > html.IndexOf("Opening paragraph", StringComparison.Ordinal) && placed < html.IndexOf("Closing paragraph", StringComparison.Ordinal),
            "the placed chart is not where its short code was");
        Assert.True(html.IndexOf("alt=\"Container throughput. The same ports as bars.\"", StringComparison.Ordinal) > html.IndexOf("Closing paragraph", StringComparison.Ordinal));
        Assert.Contains(">1,234.5</td>", html);
        Assert.Contains(">Jebel Ali (k TEU)</th>", html);
        Assert.Contains("href=\"http://localhost/articles/elsewhere\"", html);
        Assert.Contains("href=\"http://localhost/articles/gulf-ports-in-2026\"", html);
        Assert.Contains("Dek for Gulf ports in 2026", html);
        Assert.DoesNotContain("[[chart:", html);

        // The text part: the table aligned, with each series' unit and source.
        Assert.Contains("Jebel Ali, in k TEU. Source: Port authority", text);
        Assert.Contains("Khalifa, in k TEU. Source: AD Ports", text);
        var lines = text.Split('\n');
        // One table per chart, both with the same two series.
        Assert.Equal(2, lines.Count(l => l.StartsWith("Date ", StringComparison.Ordinal) && l.Contains("Jebel Ali (k TEU)") && l.Contains("Khalifa (k TEU)")));
        var header = lines.First(l => l.StartsWith("Date ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Jan 2026", StringComparison.Ordinal) && l.Contains("1,234.5") && l.TrimEnd().EndsWith("410", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Feb 2026", StringComparison.Ordinal) && l.TrimEnd().EndsWith("452.25", StringComparison.Ordinal));
        // Right-aligned: the values of a column end where its heading ends.
        var jan = lines.First(l => l.StartsWith("Jan 2026", StringComparison.Ordinal));
        Assert.Equal(header.IndexOf("Jebel Ali (k TEU)", StringComparison.Ordinal) + "Jebel Ali (k TEU)".Length, jan.IndexOf("1,234.5", StringComparison.Ordinal) + "1,234.5".Length);
        Assert.Contains("http://localhost/articles/gulf-ports-in-2026", text);
        // A PRO member notification, like the billing emails: no List-Unsubscribe promising a one-click that does not exist.
        Assert.Null(message.Headers[HeaderId.ListUnsubscribe]);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task OnlyCurrentProMembersGetItAndSendingAgainQueuesNothingNew(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var report = await ReportAsync(app);
        var now = Now(app);
        await ProMemberAsync(app, "trialing@example.test", SubscriptionStatus.Trialing);
        await ProMemberAsync(app, "active@example.test");
        await ProMemberAsync(app, "pastdue@example.test", SubscriptionStatus.PastDue);
        await ProMemberAsync(app, "leaving@example.test", cancelAtPeriodEnd: true);
        await ProMemberAsync(app, "lapsed@example.test", cancelAtPeriodEnd: true, periodEnd: now.AddHours(-1));
        await ProMemberAsync(app, "canceled@example.test", SubscriptionStatus.Canceled);
        await ProMemberAsync(app, "expired@example.test", SubscriptionStatus.Expired);
        await app.CreateUserAsync("free@example.test");
        var editor = await app.SignedInClientAsync(Roles.Editor, "editor@example.test");

        // The confirmation names how many will get it.
        var confirm = WebUtility.HtmlDecode(await editor.GetStringAsync($"/admin/articles/{report.Id}/email?confirm=send", Ct));
        Assert.Contains("Send “Gulf ports in 2026” now to 4 PRO members? This cannot be undone.", confirm);

        var first = await SendAsync(editor, report.Id);
        Assert.Equal($"/admin/articles/{report.Id}/email?queued=4", first.Headers.Location?.OriginalString);
        await app.DeliverQueuedAsync();
        string[] pro = ["active@example.test", "leaving@example.test", "pastdue@example.test", "trialing@example.test"];
        Assert.Equal(pro, Recipients(app));

        // A second send, a double click or a resumed one: the same keys, so nothing new.
        var again = await app.Services.CreateScope().ServiceProvider.GetRequiredService<TrendReportSender>().SendAsync(report.Id, Ct);
        Assert.True(again.Ok);
        Assert.Equal(0, again.Queued);
        var twice = await SendAsync(editor, report.Id);
        Assert.Equal($"/admin/articles/{report.Id}/email?queued=0", twice.Headers.Location?.OriginalString);
        await app.DeliverQueuedAsync();
        Assert.Equal(4, await TrendRowsAsync(app));
        Assert.Equal(pro, Recipients(app));

        // The page reports what the outbox did, and offers nothing more to send.
        var page = WebUtility.HtmlDecode(await editor.GetStringAsync($"/admin/articles/{report.Id}/email", Ct));
        Assert.Contains("<dt>Sent</dt><dd>4</dd>", page);
        Assert.Contains("4 of 4 settled.", page);
        Assert.Contains("Every current PRO member already has it.", page);
        Assert.DoesNotContain("Email to PRO members…", page);

        // Someone who becomes PRO later gets it on the next send, and only they do.
        await ProMemberAsync(app, "newcomer@example.test", SubscriptionStatus.Trialing);
        var later = await SendAsync(editor, report.Id);
        Assert.Equal($"/admin/articles/{report.Id}/email?queued=1", later.Headers.Location?.OriginalString);
        await app.DeliverQueuedAsync();
        Assert.Equal(pro.Append("newcomer@example.test").Order(), Recipients(app));
    }

    private static string[] Recipients(TestApp app) =>
        Mailbox.All(app.MailDirectory).Where(m => m.Subject.StartsWith("Trend report", StringComparison.Ordinal))
            .Select(m => m.To.Mailboxes.Single().Address).Order().ToArray();

    [Theory, ClassData(typeof(Databases))]
    public async Task AStoryOrADraftTrendReportIsRefusedWithAClearMessageAndNothingIsQueued(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var story = await ReportAsync(app, kind: ArticleKind.Story);
        var draft = await app.CreateArticleAsync("Unfinished report", kind: ArticleKind.TrendReport, status: ArticleStatus.Draft);
        var scheduled = await app.CreateArticleAsync("Report for next week", kind: ArticleKind.TrendReport, status: ArticleStatus.Scheduled,
            publishAt: Now(app).AddDays(7));
        await ProMemberAsync(app, "pro@example.test");
        var editor = await app.SignedInClientAsync(Roles.Editor);

        var refusedStory = await SendAsync(editor, story.Id);
        Assert.Equal(HttpStatusCode.OK, refusedStory.StatusCode);
        Assert.Contains("Only a trend report can be emailed to PRO members, and this is a story. Nothing was sent.",
            WebUtility.HtmlDecode(await refusedStory.Content.ReadAsStringAsync(Ct)));
        foreach (var notYet in new[] { draft, scheduled })
        {
            var refused = await SendAsync(editor, notYet.Id);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(Ct));
            Assert.Contains("This trend report is not published yet: publish it first, then email it. Nothing was sent.", html);
            Assert.DoesNotContain("Email to PRO members…", html);
        }
        var direct = await app.Services.CreateScope().ServiceProvider.GetRequiredService<TrendReportSender>().SendAsync(draft.Id, Ct);
        Assert.False(direct.Ok);

        await app.DeliverQueuedAsync();
        Assert.Equal(0, await TrendRowsAsync(app));
        Assert.Empty(Mailbox.To(app.MailDirectory, "pro@example.test"));
    }
}
