using System.Net;
using Masthead.Accounts;
using Masthead.Briefings;
using Masthead.Briefings.Subscribing;
using Masthead.Delivery.Outbox;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Briefings;

/// <summary>Imports of real Ghost and Substack export shapes (Fixtures/) must lose nobody: not at the import, not at
/// the clean-up of unconfirmed addresses afterwards, and the people subscribed there receive the next edition.</summary>
public sealed class ImportFromPlatformsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An hour instead of 7 days: the clock then moves past the lifetime in hours. Advancing a fake clock by
    /// days fires every short periodic timer of the app once per period, which takes minutes.</summary>
    private static readonly Dictionary<string, string?> ShortLifetime = new() { ["Briefings:Subscribing:UnconfirmedLifetime"] = "01:00:00" };

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Briefings", "Fixtures", name));

    [Theory, ClassData(typeof(Databases))]
    public async Task AGhostExportKeepsEveryMemberThroughTheCleanupAndTheSubscribedOnesGetTheNextEdition(Db db)
    {
        await using var app = await TestApp.StartAsync(db, ShortLifetime);
        var gulf = await app.ListIdAsync("gulf-briefing");
        var (code, output) = await ImportTests.RunCliImportAsync(app, Fixture("ghost-members.csv"), "--list", "gulf-briefing");

        Assert.Equal(0, code);
        Assert.Contains("Read as a Ghost file; the source recorded is \"import:ghost 2026-11-20\".", output);
        Assert.Contains("Imported 4: 3 confirmed, 0 pending, 1 unsubscribed (kept, never mailed). Skipped 3 (by line below).", output);
        // Line 4 holds a note that runs onto line 5: the numbers are the file's own lines.
        Assert.Contains("Line 7: 'not-an-address' is not a valid email address.", output);
        Assert.Contains("Line 8: The member was deleted in Ghost; not imported.", output);
        Assert.Contains("Line 9: The address is on line 2 already; that row was imported.", output);
        Assert.Equal(0, await app.WithDbAsync(d => d.Outbox.CountAsync(Ct)));

        var rana = (await app.SubscriberAsync("rana.haddad@example.test"))!;
        var consent = new DateTime(2023, 4, 11, 9, 12, 44, DateTimeKind.Utc);
        Assert.Equal((consent, consent, "import:ghost 2026-11-20"), (rana.ConfirmedAt, rana.CreatedAt, rana.Source));
        Assert.Equal("Khalil, Omar", (await app.SubscriberAsync("omar.khalil@example.test"))!.Name);
        Assert.Equal(SubscriptionStatus.Unsubscribed, await app.StatusAsync("no.more.mail@example.test", gulf));

        await CleanupAfterAsync(app, TimeSpan.FromHours(2));
        Assert.Equal(4, await app.WithDbAsync(d => d.Subscribers.CountAsync(Ct)));
        Assert.Equal(["lena.fischer@example.test", "omar.khalil@example.test", "rana.haddad@example.test"],
            await NextEditionReachesAsync(app, gulf));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ASubstackExportFromTheAdminPageKeepsEveryReaderAndDisabledOnesAreNeverMailed(Db db)
    {
        await using var app = await TestApp.StartAsync(db, ShortLifetime);
        var turkey = await app.ListIdAsync("turkey-briefing");
        var admin = await app.SignedInClientAsync(Roles.Admin);
        var response = await ImportTests.UploadAsync(admin, Fixture("substack-email-list.csv"), confirmed: false, turkey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Read as a Substack file", page);
        Assert.Contains("Imported 5: 4 confirmed, 0 pending, 1 unsubscribed (kept, never mailed). Skipped 1 (by line below).", page);
        Assert.Contains("Line 6: 'sometime in 2022' is not a date (created_at).", page);
        Assert.Contains("Confirmation emails sent: 0.", page);
        Assert.Equal(0, await app.WithDbAsync(d => d.Outbox.CountAsync(Ct)));
        // A lapsed paid subscriber still reads the free posts on Substack: the paid plan is not the email choice.
        Assert.Equal(new DateTime(2022, 4, 20, 19, 30, 0, DateTimeKind.Utc), (await app.SubscriberAsync("lapsed.member@example.test"))!.ConfirmedAt);
        Assert.Equal(SubscriptionStatus.Unsubscribed, await app.StatusAsync("bounced.reader@example.test", turkey));

        await CleanupAfterAsync(app, TimeSpan.FromHours(2));
        Assert.Equal(5, await app.WithDbAsync(d => d.Subscribers.CountAsync(Ct)));
        Assert.Equal(["founding.member@example.test", "free.reader@example.test", "lapsed.member@example.test", "yearly.member@example.test"],
            await NextEditionReachesAsync(app, turkey));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task PendingRowsWaitUnmailedUntilAConfirmationIsSentAndExpireOnlyCountingFromIt(Db db)
    {
        await using var app = await TestApp.StartAsync(db, ShortLifetime);
        var daily = await app.ListIdAsync("daily-briefing");
        var csv = """
            email,name,lists,status,created_at
            prompt@example.test,Prompt Reader,daily-briefing,pending,2024-02-01T10:00:00Z
            late@example.test,Late Reader,daily-briefing,pending,2024-02-01T10:00:00Z
            """;
        var (_, first) = await ImportTests.RunCliImportAsync(app, csv);
        Assert.Contains("Imported 2: 0 confirmed, 2 pending, 0 unsubscribed", first);
        Assert.Contains("No confirmation email was sent", first);
        // Past the lifetime with nobody asked: nobody expires, whatever the dates in the file.
        await CleanupAfterAsync(app, TimeSpan.FromHours(3));
        Assert.Equal(2, await app.WithDbAsync(d => d.Subscribers.CountAsync(Ct)));
        Assert.Equal(0, await app.WithDbAsync(d => d.Outbox.CountAsync(Ct)));

        var (_, second) = await ImportTests.RunCliImportAsync(app, csv, "--send-confirmation");
        Assert.Contains("Confirmation emails sent: 2.", second);
        await app.DeliverQueuedAsync();
        await CleanupAfterAsync(app, TimeSpan.FromMinutes(30));
        Assert.Equal(2, await app.WithDbAsync(d => d.Subscribers.CountAsync(Ct)));

        var client = app.CreateBrowserClient();
        var link = Mailbox.PathAndQuery(Mailbox.FindLink(Mailbox.Latest(app.MailDirectory, "prompt@example.test")!, "/briefings/confirm")!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link, Ct)).StatusCode);
        var confirmed = await SubscribingSupport.PostWithTokenAsync(client, link, [new("Token", link.Split("token=")[1])], link);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("You are subscribed", await confirmed.Content.ReadAsStringAsync(Ct));

        // A lifetime after the email, the address that ignored it goes; the one that confirmed stays.
        await CleanupAfterAsync(app, TimeSpan.FromMinutes(45));
        Assert.Null(await app.SubscriberAsync("late@example.test"));
        Assert.Equal(["prompt@example.test"], await NextEditionReachesAsync(app, daily));
    }

    /// <summary>Moves the clock on and runs the clean-up of unconfirmed addresses, as the hourly job (and every
    /// start) does. The job's own timer may run it too on the fake clock, so tests look at who is left, not at counts.</summary>
    private static async Task CleanupAfterAsync(TestApp app, TimeSpan wait)
    {
        app.Time.Advance(wait);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BriefingSubscriptions>().ExpireUnconfirmedAsync(Ct);
    }

    /// <summary>Queues an edition of the list and delivers it; returns who received it, sorted.</summary>
    private static async Task<IReadOnlyList<string>> NextEditionReachesAsync(TestApp app, int listId)
    {
        var before = Mailbox.All(app.MailDirectory).Count;
        var now = app.Time.GetUtcNow().UtcDateTime;
        var editionId = await app.WithDbAsync(async d =>
        {
            var edition = new Edition { ListId = listId, Subject = "The next edition", CreatedAt = now, UpdatedAt = now };
            d.Editions.Add(edition);
            await d.SaveChangesAsync(Ct);
            return edition.Id;
        });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxWriter>().EnqueueEditionAsync(editionId, listId, Ct);
        }
        await app.DeliverQueuedAsync();
        return Mailbox.All(app.MailDirectory).Where(m => m.Subject == "The next edition")
            .Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal).ToList();
    }
}
