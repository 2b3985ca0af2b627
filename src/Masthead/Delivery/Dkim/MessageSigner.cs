using Masthead.Data;
using Microsoft.Extensions.Options;
using MimeKit;
using System.Security.Cryptography;

namespace Masthead.Delivery.Dkim;

/// <summary>DKIM-signs outgoing messages (RSA-SHA256, relaxed/relaxed, see RelaxedDkimSigner) when a key is configured; otherwise
/// does nothing. The key is read once, on first use.</summary>
public sealed class MessageSigner(IOptions<DkimOptions> options, IOptions<StorageOptions> storage, TimeProvider time)
{
    /// <summary>Signed when present. Never Received, Return-Path or anything a relay may rewrite.</summary>
    internal static readonly string[] SignedHeaders =
    [
        "From", "To", "Subject", "Date", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post", "List-Id",
        "MIME-Version", "Content-Type",
    ];

    private readonly Lazy<RelaxedDkimSigner?> _signer = new(() => Create(options.Value, storage.Value, time), LazyThreadSafetyMode.ExecutionAndPublication);

    public bool Enabled => options.Value.Enabled;

    public void Sign(MimeMessage message)
    {
        var signer = _signer.Value;
        if (signer is null) return;
        // Fix the transfer encodings now: if the SMTP client re-encoded the body after signing
        // (e.g. for a server without 8BITMIME), the body hash would no longer match.
        message.Prepare(EncodingConstraint.SevenBit);
        signer.Sign(message, SignedHeaders);
    }

    private static RelaxedDkimSigner? Create(DkimOptions o, StorageOptions storage, TimeProvider time)
    {
        if (!o.Enabled) return null;
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(Path.GetFullPath(o.PrivateKeyPath!, storage.DataDirectory)));
        return new RelaxedDkimSigner(rsa, o.Domain!, o.Selector!, time);
    }
}
