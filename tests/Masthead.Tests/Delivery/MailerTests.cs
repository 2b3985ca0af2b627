using Masthead.Delivery;
using Masthead.Site;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Masthead.Tests.Delivery;

public sealed class MailerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "masthead-tests", "mail-" + Guid.NewGuid().ToString("n"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private MailOptions MailSettings => new() { FromAddress = "desk@ledger.example", FromName = "The Ledger Desk", PickupDirectory = _directory };

    private Mailer CreateMailer(IMailTransport transport) => new(transport, Options.Create(MailSettings),
        Options.Create(new SiteOptions { BaseUrl = "https://ledger.example" }), _time);

    private static OutgoingMail Sample(string subject = "Morning briefing", string? toName = "Omar Said") =>
        new("reader@example.test", toName, subject, "<p>Hello <strong>reader</strong></p>", "Hello reader");

    [Fact]
    public async Task PickupTransportWritesAParseableEmlWithTextAndHtmlParts()
    {
        var transport = new PickupFolderTransport(Options.Create(MailSettings), _time);
        await CreateMailer(transport).SendAsync(Sample(), TestContext.Current.CancellationToken);

        var file = Assert.Single(Directory.GetFiles(_directory));
        Assert.Matches(@"[/\\]20261120T090000000Z-[0-9a-f]{32}\.eml$", file);
        var message = await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
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
    public void MessageKeyGivesAStableMessageId()
    {
        var mailer = CreateMailer(new PickupFolderTransport(Options.Create(MailSettings), _time));
        var a = mailer.Compose(Sample() with { MessageKey = "edition-7.recipient-42" });
        var b = mailer.Compose(Sample() with { MessageKey = "edition-7.recipient-42" });
        Assert.Equal("edition-7.recipient-42@ledger.example", a.MessageId);
        Assert.Equal(a.MessageId, b.MessageId);
    }

    [Theory]
    [InlineData("Hello\r\nBcc: victim@example.test", null)]
    [InlineData("Hello\nBcc: victim@example.test", null)]
    [InlineData("Hello", "Omar\r\nBcc: victim@example.test")]
    [InlineData("Hello", "Omar\rSaid")]
    public async Task LineBreaksInSubjectOrDisplayNameAreRejected(string subject, string? toName)
    {
        var transport = new PickupFolderTransport(Options.Create(MailSettings), _time);
        var error = await Assert.ThrowsAsync<MailHeaderException>(() =>
            CreateMailer(transport).SendAsync(Sample(subject, toName), TestContext.Current.CancellationToken));
        Assert.Contains("line breaks", error.Message);
        Assert.False(Directory.Exists(_directory) && Directory.EnumerateFiles(_directory).Any());
    }

    [Theory]
    [InlineData("reader@example.test\r\nBcc: victim@example.test")]
    [InlineData("two@at@example.test")]
    [InlineData("")]
    [InlineData("Someone <someone@example.test>")]
    public void BadRecipientAddressesAreRejected(string to)
    {
        var mailer = CreateMailer(new PickupFolderTransport(Options.Create(MailSettings), _time));
        Assert.Throws<MailHeaderException>(() => mailer.Compose(Sample() with { To = to }));
    }
}
