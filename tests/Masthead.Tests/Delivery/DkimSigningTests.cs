using System.Security.Cryptography;
using Masthead.Delivery;
using Masthead.Delivery.Outbox;
using Masthead.Site;
using Microsoft.Extensions.DependencyInjection;
using Masthead.Tests.Support;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using static Masthead.Tests.Delivery.OutboxTestSupport;

namespace Masthead.Tests.Delivery;

public sealed class DkimSigningTests
{
    [Theory, ClassData(typeof(Databases))]
    public async Task EveryMessageCarriesADkimSignatureThatVerifiesWithThePublishedKey(Db db)
    {
        using var rsa = RSA.Create(2048);
        var keyPath = Path.Combine(Path.GetTempPath(), $"masthead-dkim-{Guid.NewGuid():n}.pem");
        await File.WriteAllTextAsync(keyPath, rsa.ExportRSAPrivateKeyPem(), TestContext.Current.CancellationToken);
        try
        {
            await using var sink = SmtpFaultSink.Start();
            await using var app = await StartAsync(db, sink, new()
            {
                ["Mail:Dkim:Domain"] = "ledger.example",
                ["Mail:Dkim:Selector"] = "mh2026",
                ["Mail:Dkim:PrivateKeyPath"] = keyPath,
            });
            await QueueAsync(app, 20);
            await DrainAsync(app);

            var verifier = new DkimVerifier(new KeyLocator(rsa));
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
                var header0 = message.Headers[message.Headers.IndexOf(HeaderId.DkimSignature)];
                Assert.True(await verifier.VerifyAsync(message, header0, TestContext.Current.CancellationToken), "the DKIM signature did not verify");
            }

            // A signature that verifies anything proves nothing: a changed subject must fail.
            var tampered = sink.Received.First();
            tampered.Subject = "Something else";
            var sig = tampered.Headers[tampered.Headers.IndexOf(HeaderId.DkimSignature)];
            Assert.False(await verifier.VerifyAsync(tampered, sig, TestContext.Current.CancellationToken));
        }
        finally
        {
            File.Delete(keyPath);
        }
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TransactionalMailIsSignedByTheEngineLikeEditions(Db db)
    {
        using var rsa = RSA.Create(2048);
        var keyPath = Path.Combine(Path.GetTempPath(), $"masthead-dkim-{Guid.NewGuid():n}.pem");
        await File.WriteAllTextAsync(keyPath, rsa.ExportRSAPrivateKeyPem(), TestContext.Current.CancellationToken);
        try
        {
            await using var sink = SmtpFaultSink.Start();
            await using var app = await StartAsync(db, sink, new()
            {
                ["Mail:Dkim:Domain"] = "ledger.example",
                ["Mail:Dkim:Selector"] = "mh2026",
                ["Mail:Dkim:PrivateKeyPath"] = keyPath,
            });
            var mail = TransactionalEmail.For(new SiteOptions { Name = "The Levant Ledger", BaseUrl = "https://ledger.example" }).Compose(
                "reader@example.test", "Your receipt — شكراً", "Thank you", ["Paid: 12.00 USD."], "See your account", "https://ledger.example/account");
            await app.Services.GetRequiredService<Mailer>().SendAsync(mail, TestContext.Current.CancellationToken);
            await DrainAsync(app);

            var message = Assert.Single(sink.Received);
            Assert.Equal("Your receipt — شكراً", message.Subject);
            var header = message.Headers[message.Headers.IndexOf(HeaderId.DkimSignature)];
            Assert.True(await new DkimVerifier(new KeyLocator(rsa)).VerifyAsync(message, header, TestContext.Current.CancellationToken),
                "the DKIM signature on a transactional message did not verify");
        }
        finally
        {
            File.Delete(keyPath);
        }
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

    private static string[] SignedHeaderNames(string signature)
    {
        var h = signature.Split(';').Select(p => p.Trim()).First(p => p.StartsWith("h=", StringComparison.Ordinal));
        return h[2..].Split(':').Select(x => new string(x.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant()).ToArray();
    }

    /// <summary>Stands in for DNS: returns the test key for the selector, as a TXT record would.</summary>
    private sealed class KeyLocator(RSA rsa) : DkimPublicKeyLocatorBase
    {
        private string Record => $"v=DKIM1; k=rsa; p={Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo())}";

        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken ct = default) =>
            domain == "ledger.example" && selector == "mh2026" ? GetPublicKey(Record) : throw new InvalidOperationException($"no key for {selector}._domainkey.{domain}");

        public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken ct = default) =>
            Task.FromResult(LocatePublicKey(methods, domain, selector, ct));
    }
}
