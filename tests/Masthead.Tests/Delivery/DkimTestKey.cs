using System.Security.Cryptography;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Masthead.Tests.Delivery;

/// <summary>A fresh RSA key in a PEM file for Mail:Dkim, and a verifier that finds its public half as DNS would
/// (v=DKIM1 TXT record at mh2026._domainkey.ledger.example).</summary>
internal sealed class DkimTestKey : IDisposable
{
    public const string Domain = "ledger.example";
    public const string Selector = "mh2026";

    private readonly RSA _rsa = RSA.Create(2048);

    public string KeyPath { get; } = Path.Combine(Path.GetTempPath(), $"masthead-dkim-{Guid.NewGuid():n}.pem");

    public DkimTestKey() => File.WriteAllText(KeyPath, _rsa.ExportRSAPrivateKeyPem());

    /// <summary>The three Mail:Dkim settings, added to <paramref name="more"/> when given.</summary>
    public Dictionary<string, string?> Settings(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>(more ?? [])
        {
            ["Mail:Dkim:Domain"] = Domain,
            ["Mail:Dkim:Selector"] = Selector,
            ["Mail:Dkim:PrivateKeyPath"] = KeyPath,
        };
        return settings;
    }

    /// <summary>Whether the message's (first) DKIM-Signature verifies against this key.</summary>
    public Task<bool> VerifiesAsync(MimeMessage message)
    {
        var header = message.Headers[message.Headers.IndexOf(HeaderId.DkimSignature)];
        return new DkimVerifier(new KeyLocator(_rsa)).VerifyAsync(message, header, TestContext.Current.CancellationToken);
    }

    public void Dispose()
    {
        _rsa.Dispose();
        File.Delete(KeyPath);
    }

    private sealed class KeyLocator(RSA rsa) : DkimPublicKeyLocatorBase
    {
        private string Record => $"v=DKIM1; k=rsa; p={Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo())}";

        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken ct = default) =>
            domain == Domain && selector == Selector ? GetPublicKey(Record) : throw new InvalidOperationException($"no key for {selector}._domainkey.{domain}");

        public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken ct = default) =>
            Task.FromResult(LocatePublicKey(methods, domain, selector, ct));
    }
}
