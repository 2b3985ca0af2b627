using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Masthead.Briefings;
using Masthead.Delivery.Bounces;
using Masthead.Delivery.Outbox;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Masthead.Tests.Delivery.OutboxTestSupport;

namespace Masthead.Tests.Delivery;

public sealed class BounceTests
{
    private const string Key = "bounce-secret-for-tests";

    private static Dictionary<string, string?> Settings(string? key = Key, int? maxBytes = null)
    {
        var s = new Dictionary<string, string?> { ["Delivery:Enabled"] = "false", ["Delivery:BounceKey"] = key };
        if (maxBytes is { } m) s["Delivery:MaxBounceBytes"] = m.ToString();
        return s;
    }

    private static Task<TestApp> StartAsync(Db db, Dictionary<string, string?> settings) =>
        TestApp.StartAsync(db, settings, s => s.AddSingleton<IOutboxRenderer, TestRenderer>());

    [Theory, ClassData(typeof(Databases))]
    public async Task APostedHardBounceSuppressesTheAddressAndMarksItsMessageBounced(Db db)
    {
        await using var app = await StartAsync(db, Settings());
        await QueueAsync(app, 5);

        var response = await PostAsync(app, Dsn(Address(3), "5.1.1", "test/1/3"), Key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"hardBounces\":1", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var suppression = Assert.Single(await SuppressionsAsync(app));
        Assert.Equal(Address(3), suppression.Email);
        Assert.Equal(SuppressionReason.HardBounce, suppression.Reason);
        Assert.Contains("5.1.1", suppression.Detail);
        var rows = await Rows(app);
        Assert.Equal(OutboxStatus.Bounced, rows.Single(r => r.MessageKey == "test/1/3").Status);
        Assert.Equal(4, rows.Count(r => r.Status == OutboxStatus.Queued));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AForgedOrMissingKeyIsRefusedAndChangesNothing(Db db)
    {
        await using var app = await StartAsync(db, Settings());
        await QueueAsync(app, 2);

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(app, Dsn(Address(1), "5.1.1", "test/1/1"), "bounce-secret-for-test")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(app, Dsn(Address(1), "5.1.1", "test/1/1"), null)).StatusCode);

        Assert.Empty(await SuppressionsAsync(app));
        Assert.All(await Rows(app), r => Assert.Equal(OutboxStatus.Queued, r.Status));
    }

    [Fact]
    public async Task WithoutAConfiguredKeyTheEndpointDoesNotExist()
    {
        await using var app = await StartAsync(Db.Sqlite, Settings(key: null));

        var response = await PostAsync(app, Dsn(Address(1), "5.1.1", null), "anything");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await SuppressionsAsync(app));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AnOversizedBodyWithOrWithoutALengthIsA413ThatNamesTheLimitAndChangesNothing(Db db)
    {
        var logs = new LogCapture();
        await using var app = await TestApp.StartAsync(db, Settings(maxBytes: 2048), s =>
        {
            s.AddSingleton<IOutboxRenderer, TestRenderer>();
            logs.Register(s);
        });
        var dsn = Dsn(Address(1), "5.1.1", null) + new string('x', 4096);

        foreach (var chunked in new[] { false, true })
        {
            logs.Clear();
            var response = await PostAsync(app, dsn, Key, chunked);

            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("larger than 2048 bytes (Delivery:MaxBounceBytes)", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.DoesNotContain(logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
            Assert.Single(logs.Entries, e => e.Message.StartsWith("Bounce refused", StringComparison.Ordinal));
        }
        Assert.Empty(await SuppressionsAsync(app));
    }

    [Fact]
    public async Task ATemporaryFailureReportSuppressesNobody()
    {
        await using var app = await StartAsync(Db.Sqlite, Settings());

        var response = await PostAsync(app, Dsn(Address(1), "4.2.2", null, action: "delayed"), Key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await SuppressionsAsync(app));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ADsnDroppedInTheBounceFolderIsRecordedAndMovedAside(Db db)
    {
        await using var app = await StartAsync(db, Settings());
        await QueueAsync(app, 3);
        var folder = Path.Combine(app.DataDirectory, "bounces");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "one.eml"), Dsn(Address(2), "5.0.0", "test/1/2"), TestContext.Current.CancellationToken);

        var handled = await app.Services.GetRequiredService<BounceFolderWorker>().ProcessFolderAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, handled);
        Assert.Equal(Address(2), Assert.Single(await SuppressionsAsync(app)).Email);
        Assert.Equal(OutboxStatus.Bounced, (await Rows(app)).Single(r => r.MessageKey == "test/1/2").Status);
        Assert.False(File.Exists(Path.Combine(folder, "one.eml")));
        Assert.True(File.Exists(Path.Combine(folder, "processed", "one.eml")));
    }

    [Fact]
    public void TheParserFindsTheFailedRecipientStatusAndOriginalKey()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Dsn("Someone@Example.test", "5.7.1", "edition/9/12")));
        var report = Assert.Single(BounceParser.Parse(MimeKit.MimeMessage.Load(stream)));

        Assert.Equal(new BounceReport("someone@example.test", "5.7.1", true, "edition/9/12", "smtp; 550 5.7.1 refused"), report);
    }

    private static async Task<HttpResponseMessage> PostAsync(TestApp app, string body, string? key, bool chunked = false)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bounces")
        {
            Content = chunked ? new UnsizedContent(Encoding.UTF8.GetBytes(body)) : new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        if (key is not null) request.Headers.Add(BounceEndpoints.KeyHeader, key);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>A body sent without Content-Length, as a chunked upload is.</summary>
    private sealed class UnsizedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private static Task<List<OutboxMessage>> Rows(TestApp app) =>
        app.WithDbAsync(d => d.Outbox.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken));

    /// <summary>A DSN as Postfix writes one (RFC 3464), quoting the original headers.</summary>
    private static string Dsn(string recipient, string status, string? key, string action = "failed") => $"""
        From: MAILER-DAEMON@mx.example.test
        To: desk@ledger.example
        Subject: Undelivered Mail Returned to Sender
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="dsn-boundary"

        --dsn-boundary
        Content-Type: text/plain; charset=us-ascii

        The message could not be delivered to one or more recipients.

        --dsn-boundary
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.test
        Arrival-Date: Fri, 20 Nov 2026 09:00:05 +0000

        Final-Recipient: rfc822; {recipient}
        Original-Recipient: rfc822;{recipient}
        Action: {action}
        Status: {status}
        Diagnostic-Code: smtp; 550 {status} refused

        --dsn-boundary
        Content-Type: text/rfc822-headers

        From: Gulf Desk <desk@ledger.example>
        To: {recipient}
        Subject: The Gulf Briefing
        Message-ID: <0123456789abcdef@ledger.example>
        {(key is null ? "X-Other: none" : $"X-Masthead-Key: {key}")}

        --dsn-boundary--
        """.ReplaceLineEndings("\r\n");
}
