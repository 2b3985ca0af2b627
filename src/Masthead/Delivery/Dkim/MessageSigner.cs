using Masthead.Data;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Cryptography;

namespace Masthead.Delivery.Dkim;

/// <summary>DKIM-signs outgoing messages (RSA-SHA256, relaxed/relaxed) when a key is configured; otherwise
/// does nothing. The key is read once, on first use.</summary>
public sealed class MessageSigner(IOptions<DkimOptions> options, IOptions<StorageOptions> storage)
{
    /// <summary>Signed when present. Never Received, Return-Path or anything a relay may rewrite.</summary>
    internal static readonly string[] SignedHeaders =
    [
        "From", "To", "Subject", "Date", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post", "List-Id",
        "MIME-Version", "Content-Type",
    ];

    private readonly Lazy<DkimSigner?> _signer = new(() => Create(options.Value, storage.Value), LazyThreadSafetyMode.ExecutionAndPublication);

    public bool Enabled => options.Value.Enabled;

    public void Sign(MimeMessage message)
    {
        var signer = _signer.Value;
        if (signer is null) return;
        // Fix the transfer encodings now: if the SMTP client re-encoded the body after signing
        // (e.g. for a server without 8BITMIME), the body hash would no longer match.
        message.Prepare(EncodingConstraint.SevenBit);
        var headers = SignedHeaders.Where(h => message.Headers.Contains(h)).ToArray();
        signer.Sign(message, headers);
    }

    private static DkimSigner? Create(DkimOptions o, StorageOptions storage)
    {
        if (!o.Enabled) return null;
        var path = Path.GetFullPath(o.PrivateKeyPath!, storage.DataDirectory);
        return new NativeRsaDkimSigner(path, o.Domain!, o.Selector!)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
    }
}
