using System.Globalization;
using System.Net;
using CsvHelper;
using Masthead.Accounts;
using Masthead.Billing.Admin;
using Masthead.Billing.Subscriptions;
using Masthead.Operations;
using Masthead.Tests.Support;
using static Masthead.Tests.Billing.Admin.MemberAdminSeed;

namespace Masthead.Tests.Billing.Admin;

public sealed class MembersExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static List<Dictionary<string, string>> Rows(string csv)
    {
        using var reader = new CsvReader(new StringReader(csv), CultureInfo.InvariantCulture);
        reader.Read();
        reader.ReadHeader();
        Assert.Equal(MemberExporter.Header, reader.HeaderRecord);
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read()) rows.Add(MemberExporter.Header.ToDictionary(h => h, h => reader.GetField(h)!));
        return rows.OrderBy(r => r["email"], StringComparer.Ordinal).ToList();
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task An_admin_downloads_the_members_the_current_filters_show_with_their_billing_dates(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        await app.MemberAsync("annual@example.test", SubscriptionStatus.Active, At(6, 1), paidAt: At(6, 8));
        await app.MemberAsync("trial@example.test", SubscriptionStatus.Trialing, At(11, 19));
        await app.MemberAsync("gone@example.test", SubscriptionStatus.Canceled, At(3, 1), endedAt: At(3, 13));
        var admin = await app.SignedInClientAsync(Roles.Admin);

        var page = await admin.GetStringAsync("/admin/members?status=Active&page=3", Ct);
        Assert.Contains("href=\"/admin/members?handler=Csv&amp;status=Active\"", page);

        var response = await admin.GetAsync("/admin/members?handler=Csv&status=Active", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("attachment; filename=\"members-20261120.csv\"", response.Content.Headers.ContentDisposition!.ToString());
        var annual = Assert.Single(Rows(await response.Content.ReadAsStringAsync(Ct)));
        Assert.Equal("annual@example.test", annual["email"]);
        Assert.Equal(("pro", "year", "active"), (annual["plan"], annual["interval"], annual["status"]));
        Assert.Equal(("2026-06-01T09:00:00Z", "2027-06-08T09:00:00Z", "2026-06-08T09:00:00Z"),
            (annual["started_at"], annual["current_period_end"], annual["trial_end"]));
        Assert.Equal(("", "false"), (annual["canceled_at"], annual["cancel_at_period_end"]));

        var all = Rows(await admin.GetStringAsync("/admin/members?handler=Csv", Ct));
        Assert.Equal(["annual@example.test", "gone@example.test", "trial@example.test"], all.Select(r => r["email"]));
        Assert.Equal(["active", "canceled", "trialing"], all.Select(r => r["status"]));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task Editors_open_neither_the_members_list_nor_the_download(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        await app.MemberAsync("private@example.test", SubscriptionStatus.Active, At(6, 1), paidAt: At(6, 8));
        var editor = await app.SignedInClientAsync(Roles.Editor);

        foreach (var url in new[] { "/admin/members", "/admin/members?handler=Csv" })
        {
            var response = await editor.GetAsync(url, Ct);
            var refused = response.StatusCode == HttpStatusCode.Forbidden
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/denied"));
            Assert.True(refused, $"{url}: {(int)response.StatusCode}");
            Assert.DoesNotContain("private@example.test", await response.Content.ReadAsStringAsync(Ct));
        }
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task The_members_export_verb_writes_every_member_to_stdout_or_a_file(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        await app.MemberAsync("one@example.test", SubscriptionStatus.Active, At(6, 1), paidAt: At(6, 8));
        await app.MemberAsync("two@example.test", SubscriptionStatus.PastDue, At(9, 1), Masthead.Billing.Plans.BillingInterval.Month, paidAt: At(9, 8));
        var console = new StringWriter();
        var stdout = new StringWriter();

        Assert.Equal(Cli.Ok, await MemberCommands.ExportAsync(app.Services, [], TestConsole.Create(console), stdout));
        var rows = Rows(stdout.ToString());
        Assert.Equal([("one@example.test", "active", "year"), ("two@example.test", "past_due", "month")],
            rows.Select(r => (r["email"], r["status"], r["interval"])));

        var file = Path.Combine(app.DataDirectory, "members.csv");
        Assert.Equal(Cli.Ok, await Cli.RunAsync(app.Services, ["members", "export", "--output", file], TestConsole.Create(console)));
        Assert.Equal(rows, Rows(await File.ReadAllTextAsync(file, Ct)));
        Assert.Contains($"Exported 2 members to {file}.", console.ToString());
        Assert.Equal(Cli.BadInput, await Cli.RunAsync(app.Services, ["members", "export", "--list", "x"], TestConsole.Create(console)));
    }
}
