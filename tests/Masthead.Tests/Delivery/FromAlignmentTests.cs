using Masthead.Accounts;
using Masthead.Delivery.Dkim;
using Masthead.Tests.Briefings;
using Masthead.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Masthead.Tests.Delivery;

public sealed class FromAlignmentTests
{
    [Theory]
    [InlineData("ledger.example", "ledger.example", true)]
    [InlineData("news.ledger.example", "ledger.example", true)]      // From a subdomain of the signer
    [InlineData("ledger.example", "mail.ledger.example", true)]      // signed by a subdomain of From
    [InlineData("LEDGER.Example.", "ledger.example", true)]          // case and a trailing dot do not matter
    [InlineData("bücher.example", "xn--bcher-kva.example", true)]    // nor IDN spelling
    [InlineData("localhost", "ledger.example", false)]               // the embedded default From
    [InlineData("evilledger.example", "ledger.example", false)]      // a suffix, but not a subdomain
    [InlineData("a.ledger.example", "b.ledger.example", false)]      // siblings: warned about (see FromAlignment)
    [InlineData("ledger.example", "ledger.example.org", false)]
    [InlineData("", "ledger.example", false)]
    public void FromIsAlignedWhenTheDomainsAreEqualOrOneIsASubdomainOfTheOther(string from, string dkim, bool aligned) =>
        Assert.Equal(aligned, FromAlignment.Aligned(from, dkim));

    [Fact]
    public async Task StartWarnsInOneLineThatUnsignedMailFailsDmarcAndKeepsRunningOutsideProduction()
    {
        var line = await StartUpLineAsync([]);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Equal("Mail from newsroom@localhost is not DKIM-signed (set Mail:Dkim:Domain, Mail:Dkim:Selector and Mail:Dkim:PrivateKeyPath): "
            + "it will fail DMARC at most receivers. Outside Production this is only a warning.", line.Message);
    }

    [Fact]
    public async Task StartWarnsWhenTheFromDomainIsNotTheDkimDomainAndSaysProductionHoldsEditions()
    {
        var line = await StartUpLineAsync(new() { ["environment"] = "Production", ["Mail:AllowPickupInProduction"] = "true" });
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Equal("Mail from newsroom@localhost is DKIM-signed for ledger.example, which is not aligned with its From domain localhost: "
            + "it will fail DMARC at most receivers. Send from ledger.example or a subdomain of it, or sign for localhost (Mail:Dkim:Domain). "
            + "In Production, editions are not sent until this is fixed; transactional mail still is.", line.Message);
    }

    [Fact]
    public async Task AnAlignedSenderIsNoWarning()
    {
        var line = await StartUpLineAsync(new() { ["Mail:FromAddress"] = "newsroom@news.ledger.example" });
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains("is DKIM-signed for ledger.example, which is aligned", line.Message);
    }

    /// <summary>Starts an app (signing for ledger.example unless <paramref name="settings"/> is empty) and returns the one
    /// line the alignment check logged.</summary>
    private static async Task<LogCapture.Entry> StartUpLineAsync(Dictionary<string, string?> settings)
    {
        var logs = new LogCapture();
        if (settings.Count > 0)
        {
            settings["Mail:Dkim:Domain"] = DkimTestKey.Domain;
            settings["Mail:Dkim:Selector"] = DkimTestKey.Selector;
            settings["Mail:Dkim:PrivateKeyPath"] = "dkim.pem"; // read on the first signature only
        }
        await using var app = await TestApp.StartAsync(settings: settings, services: logs.Register);
        return Assert.Single(logs.Entries, e => e.Category == typeof(FromAlignmentAnnouncement).FullName);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheDeliveryPageSaysWhichSendersAreNotAlignedWithTheDkimDomain(Db db)
    {
        using var key = new DkimTestKey();
        await using var app = await EditionTestSupport.StartAsync(db, key.Settings());
        await app.CreateListAsync(); // briefings@ledger.example
        var client = await app.SignedInClientAsync(Roles.Admin);

        var html = Tight(await client.GetStringAsync("/admin/delivery", TestContext.Current.CancellationToken));
        Assert.Contains("Mail is DKIM-signed for <strong>ledger.example</strong>", html);
        Assert.Contains("<td>Site mail (sign-in links, receipts)</td><td>newsroom@localhost</td><td>Not aligned with ledger.example: fails DMARC</td>", html);
        Assert.Contains("<td>Gulf Briefing</td><td>briefings@ledger.example</td><td>Aligned</td>", html);
        Assert.Contains("Outside Production this is a warning only", html);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheDeliveryPageSaysUnsignedMailFailsDmarcAndThatProductionHoldsEditions(Db db)
    {
        await using var app = await EditionTestSupport.StartAsync(db, new() { ["environment"] = "Production", ["Mail:AllowPickupInProduction"] = "true" });
        await app.CreateListAsync();
        var client = await app.SignedInClientAsync(Roles.Admin);

        var html = Tight(await client.GetStringAsync("/admin/delivery", TestContext.Current.CancellationToken));
        Assert.Contains("Mail is not DKIM-signed", html);
        Assert.Contains("<td>briefings@ledger.example</td><td>Not signed: fails DMARC</td>", html);
        Assert.Contains("This is Production: editions of the briefings marked below are not sent", html);
    }

    /// <summary>The page without the whitespace between tags, so a table row reads as one string.</summary>
    private static string Tight(string html) => System.Text.RegularExpressions.Regex.Replace(html, @">\s+<", "><");
}
