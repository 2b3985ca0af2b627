using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Masthead.Accounts;
using Masthead.Briefings;
using Masthead.Briefings.Import;
using Masthead.Operations;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Masthead.Tests.Briefings;

public sealed class ImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient admin, string csv, bool optedIn, params int[] lists)
    {
        var token = await admin.AntiforgeryTokenAsync("/admin/subscribers/import");
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Upload", "subscribers.csv");
        foreach (var l in lists) form.Add(new StringContent(l.ToString()), "Lists");
        if (optedIn) form.Add(new StringContent("true"), "AlreadyOptedIn");
        form.Add(new StringContent(token), "__RequestVerificationToken");
        return await admin.PostAsync("/admin/subscribers/import", form, Ct);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task OurFormatImportsAndABadRowIsReportedByItsLineWhileTheRestImports(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var gulf = await app.ListIdAsync("gulf-briefing");
        var admin = await app.SignedInClientAsync(Roles.Admin);
        var csv = """
            email,name,lists,status,created_at
            One@Example.test,Rana One,iraq-briefing,active,2025-01-02T03:04:05Z
            not-an-address,Bad Row,,active,2025-01-02
            two@example.test,,,active,
            three@example.test,Three,,active,yesterday-ish
            gone@example.test,,,unsubscribed,2024-01-01
            """;
        var response = await UploadAsync(admin, csv, optedIn: true, gulf);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Added 2", page);
        Assert.Contains("Line 3: 'not-an-address' is not a valid email address.", page);
        Assert.Contains("Line 5: 'yesterday-ish' is not a date", page);

        var one = await app.SubscriberAsync("one@example.test");
        Assert.NotNull(one);
        Assert.Equal("Rana One", one.Name);
        Assert.NotNull(one.ConfirmedAt);
        Assert.Equal(new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc), one.CreatedAt);
        Assert.Equal(2, one.Subscriptions.Count(s => s.Status == SubscriptionStatus.Active));
        Assert.Equal(SubscriptionStatus.Active, await app.StatusAsync("two@example.test", gulf));
        Assert.Null(await app.SubscriberAsync("three@example.test"));
        Assert.Null(await app.SubscriberAsync("gone@example.test"));
        await app.DeliverQueuedAsync();
        Assert.Empty(Mailbox.All(app.MailDirectory));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AGhostMembersExportSkipsUnsubscribedAndDeletedMembers(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var gulf = await app.ListIdAsync("gulf-briefing");
        var csv = """
            id,email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,created_at,deleted_at,labels,tiers
            5f1a,ghost.one@example.test,"Sami, Ghost",,true,false,,2024-03-04T10:00:00.000Z,,vip,Free
            5f1b,ghost.off@example.test,Off,,false,false,,2024-03-04T10:00:00.000Z,,,Free
            5f1c,ghost.deleted@example.test,Deleted,,true,false,,2024-03-04T10:00:00.000Z,2024-05-01T00:00:00.000Z,,Free
            5f1d,ghost two@example.test,Broken,,true,false,,2024-03-04T10:00:00.000Z,,,Free
            """;
        var read = SubscriberCsv.Read(new StringReader(csv));
        Assert.Equal(CsvFormat.Ghost, read.Format);
        var report = await app.WithDbAsync(async d =>
        {
            var importer = new SubscriberImporter(d, null!, app.Time);
            return await importer.ImportAsync(read, new ImportOptions([gulf], true, "import:ghost"), null, Ct);
        });
        Assert.Equal((1, 2), (report.Added, report.Skipped));
        Assert.Equal(5, Assert.Single(report.Problems).Line);
        var one = await app.SubscriberAsync("ghost.one@example.test");
        Assert.Equal("Sami, Ghost", one!.Name);
        Assert.Null(await app.SubscriberAsync("ghost.off@example.test"));
        Assert.Null(await app.SubscriberAsync("ghost.deleted@example.test"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ASubstackExportSkipsDisabledAddressesAndUnconfirmedImportsGetAConfirmationEach(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var turkey = await app.ListIdAsync("turkey-briefing");
        var admin = await app.SignedInClientAsync(Roles.Admin);
        var csv = "email,active_subscription,expiry,plan,email_disabled,created_at\r\n"
            + "sub.one@example.test,false,,free,false,2023-11-05 08:30:00\r\n"
            + "sub.off@example.test,false,,free,true,2023-11-05 08:30:00\r\n"
            + "sub.two@example.test,true,2026-01-01,paid,false,2023-11-06 09:00:00\r\n";
        var response = await UploadAsync(admin, csv, optedIn: false, turkey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Read as a Substack file", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(SubscriptionStatus.Pending, await app.StatusAsync("sub.one@example.test", turkey));
        Assert.Equal(SubscriptionStatus.Pending, await app.StatusAsync("sub.two@example.test", turkey));
        Assert.Null(await app.SubscriberAsync("sub.off@example.test"));
        Assert.Null((await app.SubscriberAsync("sub.one@example.test"))!.ConfirmedAt);
        await app.DeliverQueuedAsync();
        Assert.Equal(2, Mailbox.All(app.MailDirectory).Count);
        Assert.NotNull(Mailbox.FindLink(Mailbox.Latest(app.MailDirectory, "sub.two@example.test")!, "/briefings/confirm"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task SuppressedAddressesAreImportedButStaySuppressedAndLeftListsStayLeft(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var daily = await app.ListIdAsync("daily-briefing");
        var id = await app.ConfirmedSubscriberAsync("left@example.test", "daily-briefing");
        await app.WithDbAsync(async d =>
        {
            await d.Subscriptions.Where(s => s.SubscriberId == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SubscriptionStatus.Unsubscribed), Ct);
            d.Suppressions.Add(new Suppression { Email = "bounced@example.test", Reason = SuppressionReason.HardBounce, CreatedAt = app.Time.GetUtcNow().UtcDateTime });
            await d.SaveChangesAsync(Ct);
        });
        var admin = await app.SignedInClientAsync(Roles.Admin);
        await UploadAsync(admin, "email\nbounced@example.test\nleft@example.test\n", optedIn: true, daily);
        Assert.Equal(SubscriptionStatus.Active, await app.StatusAsync("bounced@example.test", daily));
        Assert.True(await app.WithDbAsync(d => d.Suppressions.AnyAsync(x => x.Email == "bounced@example.test", Ct)));
        Assert.Equal(SubscriptionStatus.Unsubscribed, await app.StatusAsync("left@example.test", daily));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AnExportReadsBackIntoAnotherInstallUnchanged(Db db)
    {
        string csv;
        await using (var source = await TestApp.StartAsync(db))
        {
            await source.ConfirmedSubscriberAsync("a@example.test", "daily-briefing", "gulf-briefing");
            await source.ConfirmedSubscriberAsync("b@example.test", "security-briefing");
            await source.CreateBrowserClient().SubscribeAsync("pending@example.test", await source.ListIdAsync("iraq-briefing"));
            var admin = await source.SignedInClientAsync(Roles.Admin);
            Assert.Contains("Download CSV", await admin.GetStringAsync("/admin/subscribers/export", Ct));
            var response = await admin.GetAsync("/admin/subscribers/export?handler=Csv", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
            csv = await response.Content.ReadAsStringAsync(Ct);
            var gulfOnly = await admin.GetStringAsync("/admin/subscribers/export?handler=Csv&list=gulf-briefing", Ct);
            Assert.Equal(2, gulfOnly.Trim().Split('\n').Length);
        }
        Assert.StartsWith("email,name,lists,status,created_at", csv);

        await using var target = await TestApp.StartAsync(db);
        var read = SubscriberCsv.Read(new StringReader(csv));
        Assert.Equal(CsvFormat.Masthead, read.Format);
        var (code, output) = await RunCliImportAsync(target, csv);
        Assert.Equal(0, code);
        Assert.Contains("Added 3", output);
        var a = await target.SubscriberAsync("a@example.test");
        Assert.Equal(["daily-briefing", "gulf-briefing"], await target.WithDbAsync(d => d.Subscriptions
            .Where(s => s.SubscriberId == a!.Id && s.Status == SubscriptionStatus.Active).OrderBy(s => s.List!.Position).Select(s => s.List!.Slug).ToListAsync(Ct)));
        Assert.Equal(SubscriptionStatus.Active, await target.StatusAsync("b@example.test", await target.ListIdAsync("security-briefing")));
        // Not confirmed at the source: not confirmed here either, and asked to confirm.
        Assert.Equal(SubscriptionStatus.Pending, await target.StatusAsync("pending@example.test", await target.ListIdAsync("iraq-briefing")));
        await target.DeliverQueuedAsync();
        Assert.Single(Mailbox.All(target.MailDirectory));

        var back = new StringWriter();
        Assert.Equal(0, await SubscriberCommands.ExportAsync(target.Services, [], Console(new StringWriter()), back));
        Assert.Equal(Rows(csv), Rows(back.ToString()));

        static IEnumerable<string> Rows(string text) =>
            text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Order(StringComparer.Ordinal);
    }

    private static async Task<(int, string)> RunCliImportAsync(TestApp app, string csv)
    {
        var file = Path.Combine(app.DataDirectory, "import.csv");
        await File.WriteAllTextAsync(file, csv, Ct);
        var output = new StringWriter();
        var code = await Cli.RunAsync(app.Services, ["subscribers", "import", file, "--confirmed"], Console(output));
        return (code, output.ToString());
    }

    private static IAnsiConsole Console(StringWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        return console;
    }
}
