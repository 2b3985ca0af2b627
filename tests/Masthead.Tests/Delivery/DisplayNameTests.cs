using System.Text;
using Masthead.Accounts;
using Masthead.Delivery;
using Masthead.Delivery.Outbox;
using Masthead.Tests.Briefings;
using Masthead.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Masthead.Tests.Delivery;

/// <summary>A display name reaches every mail client as it was typed: never decoded into something else, never
/// reordering the text around it.</summary>
public sealed class DisplayNameTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Typed into a name field, this is an RFC 2047 encoded-word: a bare atom in a header decodes as "&lt;script&gt;".</summary>
    private const string EncodedWordName = "=?utf-8?b?PHNjcmlwdD4=?=";

    private static Mailer CreateMailer(string fromName = "The Ledger Desk") => MailerTests.ComposingMailer(new FakeTimeProvider(), fromName);

    /// <summary>Writes the message as the outbox stores it and parses it back, as a mail client would.</summary>
    private static (MimeMessage Parsed, string Raw) RoundTrip(MimeMessage message)
    {
        var raw = Mailer.Serialize(message);
        return (MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(raw))), raw);
    }

    [Theory]
    [InlineData(EncodedWordName)]
    [InlineData("Ann \"Q\" =?utf-8?q?=3Cb=3E?= Ünïcødé, and a tail long enough to need more than one encoded-word on its own line")]
    [InlineData("=?iso-8859-1?q?caf=E9?= <evil@example.test>")]
    public void AnEncodedWordTypedAsANameComesBackExactlyAsTypedFromATransactionalMail(string name)
    {
        var message = CreateMailer(fromName: name).Compose(new OutgoingMail("reader@example.test", name, "Your receipt", "<p>Hi</p>", "Hi"));
        var (parsed, raw) = RoundTrip(message);

        Assert.Equal(name, parsed.To.Mailboxes.Single().Name);
        Assert.Equal("reader@example.test", parsed.To.Mailboxes.Single().Address);
        Assert.Equal(name, parsed.From.Mailboxes.Single().Name);
        Assert.Equal("desk@ledger.example", parsed.From.Mailboxes.Single().Address);
        Assert.DoesNotContain("To: " + EncodedWordName, raw);
        Assert.All(AddressHeaderLines(raw), line => Assert.True(line.Length <= 78, line));
    }

    /// <summary>The lines of the From and To headers, continuations included.</summary>
    private static IEnumerable<string> AddressHeaderLines(string raw)
    {
        var inAddress = false;
        foreach (var line in raw[..raw.IndexOf("\n\n", StringComparison.Ordinal)].Split('\n').Select(l => l.TrimEnd('\r')))
        {
            inAddress = line.StartsWith(' ') || line.StartsWith('\t') ? inAddress : line.StartsWith("From:") || line.StartsWith("To:");
            if (inAddress) yield return line;
        }
    }

    [Fact]
    public void OrdinaryNamesAreLeftToMimeKitAndStayReadableInTheHeader()
    {
        var (parsed, raw) = RoundTrip(CreateMailer().Compose(new OutgoingMail("reader@example.test", "O'Brien, Jr.", "Hi", "<p>Hi</p>", "Hi")));
        Assert.Equal("O'Brien, Jr.", parsed.To.Mailboxes.Single().Name);
        Assert.Contains("To: \"O'Brien, Jr.\" <reader@example.test>", raw);
    }

    [Fact]
    public void BidiControlsNeverReachAHeaderName()
    {
        var (parsed, _) = RoundTrip(CreateMailer().Compose(new OutgoingMail("reader@example.test", "Omar\u202Egpj.exe\u2069", "Hi", "<p>Hi</p>", "Hi")));
        Assert.Equal("Omargpj.exe", parsed.To.Mailboxes.Single().Name);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AnEncodedWordTypedAsASubscriberNameComesBackExactlyAsTypedFromAnEdition(Db db)
    {
        await using var app = await EditionTestSupport.StartAsync(db);
        var article = await app.CreateArticleAsync("Port volumes at a record", sectionSlug: "markets");
        var list = await app.CreateListAsync();
        var edition = await app.CreateDraftAsync(list.Id, article.Id);
        var renderer = app.Services.GetServices<IOutboxRenderer>().Single(r => r.Kind == OutboxWriter.EditionKind);

        var message = await renderer.RenderAsync(new OutboxMessage
        {
            Kind = OutboxWriter.EditionKind, MessageKey = OutboxWriter.EditionMessageKey(edition.Id, 11), EditionId = edition.Id,
            SubscriberId = 11, ToAddress = "amira@example.test", ToName = EncodedWordName,
        }, Ct);
        var (parsed, _) = RoundTrip(message);

        Assert.Equal(EncodedWordName, parsed.To.Mailboxes.Single().Name);
        Assert.Equal("amira@example.test", parsed.To.Mailboxes.Single().Address);
        Assert.Equal("The Levant Ledger", parsed.From.Mailboxes.Single().Name);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheMailboxShowsNamesWithoutTheirBidiControls(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        // Mail from before names were cleaned: written by MimeKit directly, bidi override and all.
        var old = new MimeMessage { Subject = "Welcome", Date = app.Time.GetUtcNow() };
        old.From.Add(new MailboxAddress("Desk", "desk@example.test"));
        old.To.Add(new MailboxAddress("Omar\u202Egpj.exe", "omar@example.test"));
        old.Body = new TextPart("plain") { Text = "Hello" };
        Directory.CreateDirectory(app.MailDirectory);
        var id = Path.GetFileNameWithoutExtension(PickupMailbox.NewFileName(app.Time.GetUtcNow()));
        await old.WriteToAsync(Path.Combine(app.MailDirectory, id + ".eml"), Ct);
        var admin = await app.SignedInClientAsync(Roles.Admin);

        foreach (var page in new[] { await admin.GetStringAsync("/admin/mail", Ct), await admin.GetStringAsync($"/admin/mail/{id}", Ct) })
        {
            Assert.DoesNotContain('\u202E', page);
            Assert.Contains("Omargpj.exe &lt;omar@example.test&gt;", page);
        }
    }
}
