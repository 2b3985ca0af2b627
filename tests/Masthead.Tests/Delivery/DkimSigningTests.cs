using Masthead.Delivery;
using Masthead.Site;
using Microsoft.Extensions.DependencyInjection;
using Masthead.Tests.Support;
using MimeKit;
using static Masthead.Tests.Delivery.OutboxTestSupport;

namespace Masthead.Tests.Delivery;

public sealed class DkimSigningTests
{
    [Theory, ClassData(typeof(Databases))]
    public async Task EveryMessageCarriesADkimSignatureThatVerifiesWithThePublishedKey(Db db)
    {
        using var key = new DkimTestKey();
        await using var sink = SmtpFaultSink.Start();
        await using var app = await StartAsync(db, sink, key.Settings());
        await QueueAsync(app, 20);
        await DrainAsync(app);

        Assert.Equal(20, sink.Received.Count);
        foreach (var message in sink.Received)
        {
            var signature = message.Headers[HeaderId.DkimSignature];
            Assert.NotNull(signature);
            Assert.Contains("d=ledger.example", signature);
            Assert.Contains("s=mh2026", signature);
            Assert.Contains("a=rsa-sha256", signature);
            Assert.Contains("c=relaxed/relaxed", signature);
            foreach (var header in new[] { "from", "to", "subject", "date", "message-id", "list-unsubscribe", "list-unsubscribe-post", "list-id" })
            {
                Assert.Contains(header, SignedHeaderNames(signature));
            }
            Assert.True(await key.VerifiesAsync(message), "the DKIM signature did not verify");
        }

        // A signature that verifies anything proves nothing: a changed subject must fail.
        var tampered = sink.Received.First();
        tampered.Subject = "Something else";
        Assert.False(await key.VerifiesAsync(tampered));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TransactionalMailIsSignedByTheEngineLikeEditions(Db db)
    {
        using var key = new DkimTestKey();
        await using var sink = SmtpFaultSink.Start();
        await using var app = await StartAsync(db, sink, key.Settings());
        var mail = TransactionalEmail.For(new SiteOptions { Name = "The Levant Ledger", BaseUrl = "https://ledger.example" }).Compose(
            "reader@example.test", "Your receipt — شكراً", "Thank you", ["Paid: 12.00 USD."], "See your account", "https://ledger.example/account");
        await app.Services.GetRequiredService<Mailer>().SendAsync(mail, TestContext.Current.CancellationToken);
        await DrainAsync(app);

        var message = Assert.Single(sink.Received);
        Assert.Equal("Your receipt — شكراً", message.Subject);
        Assert.True(await key.VerifiesAsync(message), "the DKIM signature on a transactional message did not verify");
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task WithoutAKeyMessagesAreSentUnsigned(Db db)
    {
        await using var sink = SmtpFaultSink.Start();
        await using var app = await StartAsync(db, sink);
        await QueueAsync(app, 2);
        await DrainAsync(app);

        Assert.Equal(2, sink.Received.Count);
        Assert.All(sink.Received, m => Assert.False(m.Headers.Contains(HeaderId.DkimSignature)));
    }

    internal static string[] SignedHeaderNames(string signature)
    {
        var h = signature.Split(';').Select(p => p.Trim()).First(p => p.StartsWith("h=", StringComparison.Ordinal));
        return h[2..].Split(':').Select(x => new string(x.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant()).ToArray();
    }
}
