using Masthead.Delivery;
using Masthead.Delivery.Outbox;
using Masthead.Site;
using Masthead.Tests.Accounts;
using Masthead.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Masthead.Tests.Delivery;

public sealed class SmtpTransportTests
{
    [Fact]
    public async Task SmtpTransportDeliversToARealServerWithLogin()
    {
        await using var sink = SmtpSink.Start(user: "relay-user", password: "relay-secret");
        var options = Options.Create(new MailOptions
        {
            Transport = MailTransportKind.Smtp,
            FromAddress = "desk@ledger.example",
            FromName = "The Ledger Desk",
            SmtpHost = "127.0.0.1",
            SmtpPort = sink.Port,
            SmtpUseStartTls = false,
            SmtpUser = "relay-user",
            SmtpPassword = "relay-secret",
        });
        var mailer = new Mailer(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
            new DeliverySignal(), options, Options.Create(new SiteOptions { BaseUrl = "https://ledger.example" }), new FakeTimeProvider());
        var message = mailer.Compose(new OutgoingMail("reader@example.test", "Omar Said", "Gulf briefing",
            "<p>Gulf <em>briefing</em></p>", "Gulf briefing"));

        // The direct transport stays for the editor's test send, which must answer at once.
        await new SmtpTransport(options).SendAsync(message, TestContext.Current.CancellationToken);

        var received = Assert.Single(sink.Received);
        Assert.Equal("Gulf briefing", received.Subject);
        Assert.Equal("reader@example.test", received.To.Mailboxes.Single().Address);
        Assert.Contains("<em>briefing</em>", received.HtmlBody);
        Assert.Equal("Gulf briefing", received.TextBody?.Trim());
        Assert.Equal(["relay-user"], sink.Logins.ToArray());
    }

    [Fact]
    public async Task WithSmtpConfiguredTheAppSendsMagicLinksThroughTheRelay()
    {
        await using var sink = SmtpSink.Start();
        await using var app = await TestApp.StartAsync(Db.Sqlite, new()
        {
            ["Mail:Transport"] = "Smtp",
            ["Mail:SmtpHost"] = "127.0.0.1",
            ["Mail:SmtpPort"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:SmtpUseStartTls"] = "false",
        });
        var response = await app.CreateBrowserClient().RequestLinkAsync("relayed@example.test");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);

        // Through the outbox and the SMTP pool: wait (bounded) for the worker.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (sink.Received.IsEmpty && DateTime.UtcNow < deadline) await Task.Delay(25, TestContext.Current.CancellationToken);
        var received = Assert.Single(sink.Received);
        Assert.Equal("relayed@example.test", received.To.Mailboxes.Single().Address);
        Assert.NotNull(Mailbox.FindLink(received, "/account/magic?token="));
        Assert.Empty(Mailbox.All(app.MailDirectory));
    }
}
