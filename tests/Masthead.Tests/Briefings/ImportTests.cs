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

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient admin, string csv, bool confirmed, params int[] lists)
    {
        var token = await admin.AntiforgeryTokenAsync("/admin/subscribers/import");
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Upload", "subscribers.csv");
        foreach (var l in lists) form.Add(new StringContent(l.ToString()), "Lists");
        if (confirmed) form.Add(new StringContent("true"), "Confirmed");
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
        var response = await UploadAsync(admin, csv, confirmed: true, gulf);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Imported 3: 2 confirmed, 0 pending, 1 unsubscribed (kept, never mailed). Skipped 2 (by line below).", page);
        Assert.Contains("Line 3: 'not-an-address' is not a valid email address.", page);
        Assert.Contains("Line 5: 'yesterday-ish' is not a date", page);

        var one = await app.SubscriberAsync("one@example.test");
        Assert.NotNull(one);
        Assert.Equal("Rana One", one.Name);
        // The consent date is the one from the file, not the day of the import.
        Assert.Equal(new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc), one.ConfirmedAt);
        Assert.Equal(new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc), one.CreatedAt);
        Assert.Equal(2, one.Subscriptions.Count(s => s.Status == SubscriptionStatus.Active));
        Assert.Equal(SubscriptionStatus.Active, await app.StatusAsync("two@example.test", gulf));
        Assert.Null(await app.SubscriberAsync("three@example.test"));
        // Unsubscribed in the file: kept, and "we vouch for everyone" does not subscribe them again.
        Assert.Equal(SubscriptionStatus.Unsubscribed, await app.StatusAsync("gone@example.test", gulf));
        await app.DeliverQueuedAsync();
        Assert.Empty(Mailbox.All(app.MailDirectory));
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
        await UploadAsync(admin, "email\nbounced@example.test\nleft@example.test\n", confirmed: true, daily);
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
        Assert.Contains("New addresses 3", output);
        var a = await target.SubscriberAsync("a@example.test");
        Assert.Equal(["daily-briefing", "gulf-briefing"], await target.WithDbAsync(d => d.Subscriptions
            .Where(s => s.SubscriberId == a!.Id && s.Status == SubscriptionStatus.Active).OrderBy(s => s.List!.Position).Select(s => s.List!.Slug).ToListAsync(Ct)));
        Assert.Equal(SubscriptionStatus.Active, await target.StatusAsync("b@example.test", await target.ListIdAsync("security-briefing")));
        // Not confirmed at the source: not confirmed here either, and not emailed without --send-confirmation.
        Assert.Equal(SubscriptionStatus.Pending, await target.StatusAsync("pending@example.test", await target.ListIdAsync("iraq-briefing")));
        await target.DeliverQueuedAsync();
        Assert.Empty(Mailbox.All(target.MailDirectory));

        var back = new StringWriter();
        Assert.Equal(0, await SubscriberCommands.ExportAsync(target.Services, [], Console(new StringWriter()), back));
        Assert.Equal(Rows(csv), Rows(back.ToString()));

        static IEnumerable<string> Rows(string text) =>
            text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Order(StringComparer.Ordinal);
    }

    internal static async Task<(int, string)> RunCliImportAsync(TestApp app, string csv, params string[] options)
    {
        var file = Path.Combine(app.DataDirectory, "import.csv");
        await File.WriteAllTextAsync(file, csv, Ct);
        var output = new StringWriter();
        var code = await Cli.RunAsync(app.Services, ["subscribers", "import", file, .. options], Console(output));
        return (code, output.ToString());
    }

    internal static IAnsiConsole Console(StringWriter writer)
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
