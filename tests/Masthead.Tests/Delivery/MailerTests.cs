using Masthead.Delivery;
using Masthead.Delivery.Outbox;
using Masthead.Site;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Masthead.Tests.Delivery;

public sealed class MailerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));

    private Mailer CreateMailer() => ComposingMailer(_time);

    /// <summary>A mailer for composing only: nothing reaches its (empty) service provider.</summary>
    internal static Mailer ComposingMailer(TimeProvider time, string fromName = "The Ledger Desk") => new(
        new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), new DeliverySignal(),
        Options.Create(new MailOptions { FromAddress = "desk@ledger.example", FromName = fromName }),
        Options.Create(new SiteOptions { BaseUrl = "https://ledger.example" }), time);

    private static OutgoingMail Sample(string subject = "Morning briefing", string? toName = "Omar Said") =>
        new("reader@example.test", toName, subject, "<p>Hello <strong>reader</strong></p>", "Hello reader");

    [Fact]
    public void ComposedMessagesHaveTheSiteSenderAndTextThenHtmlParts()
    {
        var message = CreateMailer().Compose(Sample());
        Assert.Equal("Morning briefing", message.Subject);
        Assert.Equal("desk@ledger.example", message.From.Mailboxes.Single().Address);
        Assert.Equal("The Ledger Desk", message.From.Mailboxes.Single().Name);
        Assert.Equal("reader@example.test", message.To.Mailboxes.Single().Address);
        var body = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], body.Select(p => p.ContentType.MimeType).ToArray());
        Assert.Equal("Hello reader", message.TextBody?.Trim());
        Assert.Contains("<strong>reader</strong>", message.HtmlBody);
        Assert.EndsWith("@ledger.example", message.MessageId);
        Assert.Equal(_time.GetUtcNow(), message.Date);
    }

    [Fact]
    public void MessageKeyGivesTheSameMessageIdTheDeliveryEngineStamps()
    {
        var mailer = CreateMailer();
        var a = mailer.Compose(Sample() with { MessageKey = "signin/42" });
        var b = mailer.Compose(Sample() with { MessageKey = "signin/42" });
        Assert.Equal(MessageIds.For("signin/42", "ledger.example"), a.MessageId);
        Assert.Equal(a.MessageId, b.MessageId);
        Assert.NotEqual(a.MessageId, mailer.Compose(Sample()).MessageId);
    }

    [Theory]
    [InlineData("Hello\r\nBcc: victim@example.test", null)]
    [InlineData("Hello\nBcc: victim@example.test", null)]
    [InlineData("Hello", "Omar\r\nBcc: victim@example.test")]
    [InlineData("Hello", "Omar\rSaid")]
    public async Task LineBreaksInSubjectOrDisplayNameAreRejectedBeforeAnythingIsQueued(string subject, string? toName)
    {
        // The mailer's service provider has no database: reaching it would throw something else.
        var error = await Assert.ThrowsAsync<MailHeaderException>(() => CreateMailer().SendAsync(Sample(subject, toName), Ct));
        Assert.Contains("line breaks", error.Message);
    }

    [Theory]
    [InlineData("reader@example.test\r\nBcc: victim@example.test")]
    [InlineData("two@at@example.test")]
    [InlineData("")]
    [InlineData("Someone <someone@example.test>")]
    public void BadRecipientAddressesAreRejected(string to) =>
        Assert.Throws<MailHeaderException>(() => CreateMailer().Compose(Sample() with { To = to }));

    [Theory, ClassData(typeof(Databases))]
    public async Task SendQueuesOneMailRowThatTheWorkerDeliversAtOnce(Db db)
    {
        await using var app = await TestApp.StartAsync(db, new() { ["Site:BaseUrl"] = "https://ledger.example" });
        var mailer = app.Services.GetRequiredService<Mailer>();

        await mailer.SendAsync(Sample("Your receipt") with { MessageKey = "billing/receipt/7" }, Ct);

        var received = await Mailbox.WaitForAsync(app.MailDirectory, "reader@example.test");
        Assert.Equal("Your receipt", received.Subject);
        Assert.Equal("Omar Said", received.To.Mailboxes.Single().Name);
        Assert.Equal(MessageIds.For("billing/receipt/7", "ledger.example"), received.MessageId);
        Assert.Equal("billing/receipt/7", received.Headers[MessageIds.KeyHeader]);
        Assert.Contains("<strong>reader</strong>", received.HtmlBody);
        await app.DeliverQueuedAsync();
        var row = await app.WithDbAsync(d => d.Outbox.AsNoTracking().SingleAsync(Ct));
        Assert.Equal((MailOutboxRenderer.MailKind, "billing/receipt/7", OutboxStatus.Sent), (row.Kind, row.MessageKey, row.Status));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheSameMessageKeyIsSentOnce(Db db)
    {
        await using var app = await TestApp.StartAsync(db, new() { ["Delivery:Enabled"] = "false" });
        var mailer = app.Services.GetRequiredService<Mailer>();

        await mailer.SendAsync(Sample() with { MessageKey = "billing/receipt/8" }, Ct);
        await mailer.SendAsync(Sample() with { MessageKey = "billing/receipt/8" }, Ct);
        await mailer.SendAsync(Sample(), Ct);
        await mailer.SendAsync(Sample(), Ct);

        Assert.Equal(3, await app.WithDbAsync(d => d.Outbox.CountAsync(Ct)));
        await app.DeliverQueuedAsync();
        Assert.Equal(3, Mailbox.To(app.MailDirectory, "reader@example.test").Count);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ASignInLinkOvertakesAnEditionAlreadyInTheQueue(Db db)
    {
        await using var app = await TestApp.StartAsync(db, new() { ["Delivery:Enabled"] = "false", ["Delivery:BatchSize"] = "10" },
            s => s.AddSingleton<IOutboxRenderer, TestRenderer>());
        await OutboxTestSupport.QueueAsync(app, 50);
        app.Time.Advance(TimeSpan.FromMinutes(1));
        await app.Services.GetRequiredService<Mailer>().SendAsync(Sample("Your sign-in link") with { To = "late@example.test" }, Ct);

        var report = await app.Services.GetRequiredService<DeliveryEngine>().RunBatchAsync(Ct);

        Assert.Equal(10, report.Sent);
        var mail = await app.WithDbAsync(d => d.Outbox.AsNoTracking().SingleAsync(o => o.Kind == MailOutboxRenderer.MailKind, Ct));
        Assert.Equal(OutboxStatus.Sent, mail.Status);
        Assert.Equal("Your sign-in link", Mailbox.Latest(app.MailDirectory, "late@example.test")?.Subject);
    }
}
