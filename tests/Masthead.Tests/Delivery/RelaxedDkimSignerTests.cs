using System.Security.Cryptography;
using Masthead.Delivery.Dkim;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Masthead.Tests.Delivery;

/// <summary>Our one-pass relaxed/relaxed signer against MimeKit's verifier, on the inputs where canonicalisation is
/// easy to get wrong: whitespace runs and trailing whitespace, leading whitespace, trailing empty lines, a body without
/// a final line break, encoded non-ASCII headers, folded long headers, and an empty body.</summary>
public sealed class RelaxedDkimSignerTests
{
    private static readonly RSA Key = RSA.Create(2048);

    public static TheoryData<string, string> Bodies => new()
    {
        { "plain", "Hello reader,\nThis is the briefing.\n" },
        { "whitespace runs and trailing whitespace", "Two  spaces\tand a tab   \nTrailing spaces here    \n\t leading whitespace\n" },
        { "trailing empty lines", "Last line\n\n\n\n" },
        { "no final line break", "No newline at the end" },
        { "only whitespace lines", "  \n\t\nText after blank-ish lines\n   \n" },
        { "long lines and Arabic", string.Concat(Enumerable.Repeat("الخليج ", 300)) + "\n" + new string('x', 2000) },
        { "empty", "" },
    };

    [Theory, MemberData(nameof(Bodies))]
    public async Task ASignedMessageVerifiesWithMimeKitAndFailsOnceTheBodyChanges(string label, string text)
    {
        var message = Build(text, label);
        Sign(message);

        var parsed = await RoundTripAsync(message);
        var verifier = new DkimVerifier(new KeyLocator());
        var signature = parsed.Headers[parsed.Headers.IndexOf(HeaderId.DkimSignature)];
        Assert.True(await verifier.VerifyAsync(parsed, signature, TestContext.Current.CancellationToken), $"'{label}' did not verify");

        // Relaxed canonicalisation tolerates whitespace changes but not a changed word.
        var altered = await RoundTripAsync(message);
        ((TextPart)((Multipart)altered.Body).First()).Text = text + " appended";
        var alteredSignature = altered.Headers[altered.Headers.IndexOf(HeaderId.DkimSignature)];
        Assert.False(await verifier.VerifyAsync(altered, alteredSignature, TestContext.Current.CancellationToken), $"'{label}' verified after a change");
    }

    [Fact]
    public void OnlyHeadersThatOccurOnceAreSignedAndContentTypeIsAmongThem()
    {
        var message = Build("Body\n", "headers");
        message.Headers.Add("Comments", "one");
        message.Headers.Add("Comments", "two");
        new RelaxedDkimSigner(Key, "ledger.example", "mh", new FakeTimeProvider()).Sign(message, ["From", "Subject", "Comments", "Content-Type", "Absent"]);

        var value = message.Headers[HeaderId.DkimSignature];
        var h = value.Split(';').Select(p => p.Trim()).Single(p => p.StartsWith("h=", StringComparison.Ordinal));
        Assert.Equal("h=from:subject:content-type", h);
        Assert.Equal(0, message.Headers.IndexOf(HeaderId.DkimSignature));
    }

    private static MimeMessage Build(string text, string label)
    {
        var message = new MimeMessage { Subject = $"Briefing — {label} — الخليج اليوم, a subject long enough that MimeKit has to fold it over more than one line", Date = DateTimeOffset.UnixEpoch };
        message.From.Add(new MailboxAddress("The Levant Ledger", "briefings@ledger.example"));
        message.To.Add(new MailboxAddress("Rana Haddad", "rana@example.test"));
        message.MessageId = "edition-1-2@ledger.example";
        message.Headers.Add("List-Unsubscribe", "<https://ledger.example/briefings/unsubscribe?t=abc>, <mailto:unsubscribe+abc@ledger.example>");
        message.Body = new MultipartAlternative
        {
            new TextPart(MimeKit.Text.TextFormat.Plain) { Text = text, ContentTransferEncoding = ContentEncoding.QuotedPrintable },
            new TextPart(MimeKit.Text.TextFormat.Html) { Text = $"<p>{text}</p>", ContentTransferEncoding = ContentEncoding.QuotedPrintable },
        };
        return message;
    }

    private static void Sign(MimeMessage message)
    {
        message.Prepare(EncodingConstraint.SevenBit);
        new RelaxedDkimSigner(Key, "ledger.example", "mh", new FakeTimeProvider()).Sign(message, MessageSigner.SignedHeaders);
    }

    private static async Task<MimeMessage> RoundTripAsync(MimeMessage message)
    {
        using var stream = new MemoryStream();
        await message.WriteToAsync(stream, TestContext.Current.CancellationToken);
        stream.Position = 0;
        return await MimeMessage.LoadAsync(stream, TestContext.Current.CancellationToken);
    }

    private sealed class KeyLocator : DkimPublicKeyLocatorBase
    {
        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken ct = default) =>
            GetPublicKey($"v=DKIM1; k=rsa; p={Convert.ToBase64String(Key.ExportSubjectPublicKeyInfo())}");

        public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken ct = default) =>
            Task.FromResult(LocatePublicKey(methods, domain, selector, ct));
    }
}
