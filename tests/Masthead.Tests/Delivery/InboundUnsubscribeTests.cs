using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Masthead.Briefings;
using Masthead.Delivery.Bounces;
using Masthead.Tests.Briefings;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Masthead.Tests.Delivery;

/// <summary>Mail to the List-Unsubscribe mailto: address, arriving by the bounce endpoint or the bounce folder.</summary>
public sealed class InboundUnsubscribeTests
{
    private const string Key = "inbound-secret-for-tests";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<TestApp> StartAsync(Db db) => TestApp.StartAsync(db, new()
    {
        ["Delivery:Enabled"] = "false",
        ["Delivery:BounceKey"] = Key,
        ["Site:BaseUrl"] = "https://ledger.example",
    });

    [Theory, ClassData(typeof(Databases))]
    public async Task AMailToAListsUnsubscribeAddressUnsubscribesExactlyThatList(Db db)
    {
        await using var app = await StartAsync(db);
        var id = await app.ConfirmedSubscriberAsync("reader@example.test", "daily-briefing", "gulf-briefing");
        await app.ConfirmedSubscriberAsync("neighbour@example.test", "daily-briefing");
        var daily = await app.ListIdAsync("daily-briefing");
        var address = Address(app.Links().MailtoUnsubscribe(id, daily));
        Assert.EndsWith("@ledger.example", address);

        // As a mail client sends it: from the reader's own address, RFC 2369's usual subject, the envelope
        // recipient recorded by the MTA. Some servers fold the local part to upper case.
        var response = await PostAsync(app, Message(to: address.ToUpperInvariant(), deliveredTo: address));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Answer(0, 1), await response.Content.ReadFromJsonAsync<Answer>(Ct));
        Assert.Equal(SubscriptionStatus.Unsubscribed, await app.StatusAsync("reader@example.test", daily));
        Assert.Equal(SubscriptionStatus.Active, await app.StatusAsync("reader@example.test", await app.ListIdAsync("gulf-briefing")));
        Assert.Equal(SubscriptionStatus.Active, await app.StatusAsync("neighbour@example.test", daily));
        Assert.Empty(await app.WithDbAsync(d => d.Suppressions.ToListAsync(Ct)));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AMailToTheAllListsAddressUnsubscribesEverythingAndSuppressesTheAddress(Db db)
    {
        await using var app = await StartAsync(db);
        var id = await app.ConfirmedSubscriberAsync("reader@example.test", "daily-briefing", "gulf-briefing");
        await app.ConfirmedSubscriberAsync("neighbour@example.test", "daily-briefing");

        var response = await PostAsync(app, Message(to: Address(app.Links().MailtoUnsubscribeAll(id))));

        Assert.Equal(new Answer(0, 1), await response.Content.ReadFromJsonAsync<Answer>(Ct));
        var subscriber = await app.SubscriberAsync("reader@example.test");
        Assert.All(subscriber!.Subscriptions, s => Assert.Equal(SubscriptionStatus.Unsubscribed, s.Status));
        var suppression = Assert.Single(await app.WithDbAsync(d => d.Suppressions.ToListAsync(Ct)));
        Assert.Equal(("reader@example.test", SuppressionReason.UnsubscribedAll), (suppression.Email, suppression.Reason));
        Assert.Equal(SubscriptionStatus.Active, await app.StatusAsync("neighbour@example.test", await app.ListIdAsync("daily-briefing")));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ForgedOrAlteredTokensAreIgnored(Db db)
    {
        await using var app = await StartAsync(db);
        var id = await app.ConfirmedSubscriberAsync("reader@example.test", "daily-briefing", "gulf-briefing");
        var victim = await app.ConfirmedSubscriberAsync("victim@example.test", "daily-briefing");
        var daily = await app.ListIdAsync("daily-briefing");
        var gulf = await app.ListIdAsync("gulf-briefing");
        var genuine = Address(app.Links().MailtoUnsubscribe(id, daily));
        var token = genuine["unsubscribe+".Length..genuine.IndexOf('@')];
        var parts = token.Split('-');

        string[] forged =
        [
            // One character of the MAC changed.
            $"unsubscribe+{parts[0]}-{parts[1]}-{(parts[2][0] == 'a' ? 'b' : 'a')}{parts[2][1..]}@ledger.example",
            // The reader's valid MAC, pointed at another subscriber or another list.
            $"unsubscribe+{victim:x}-{parts[1]}-{parts[2]}@ledger.example",
            $"unsubscribe+{parts[0]}-{gulf:x}-{parts[2]}@ledger.example",
            // A list token presented as an all-lists one, and a made-up token.
            $"unsubscribe+{parts[0]}-0-{parts[2]}@ledger.example",
            "unsubscribe+1-1-00000000000000000000@ledger.example",
            // The genuine token at another domain.
            $"unsubscribe+{token}@attacker.example",
        ];
        foreach (var address in forged)
        {
            var response = await PostAsync(app, Message(to: address));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(new Answer(0, 0), await response.Content.ReadFromJsonAsync<Answer>(Ct));
        }

        Assert.Equal(SubscriptionStatus.Active, await app.StatusAsync("reader@example.test", daily));
        Assert.Equal(SubscriptionStatus.Active, await app.StatusAsync("reader@example.test", gulf));
        Assert.Equal(SubscriptionStatus.Active, await app.StatusAsync("victim@example.test", daily));
        Assert.Empty(await app.WithDbAsync(d => d.Suppressions.ToListAsync(Ct)));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task OnlyTheAddressCountsNeverTheSubjectOrBody(Db db)
    {
        await using var app = await StartAsync(db);
        var id = await app.ConfirmedSubscriberAsync("reader@example.test", "daily-briefing");
        var daily = await app.ListIdAsync("daily-briefing");
        var genuine = Address(app.Links().MailtoUnsubscribe(id, daily));

        // A valid unsubscribe address quoted in the subject and body of a mail sent somewhere else does nothing.
        var quoted = Message(to: "letters@ledger.example", subject: $"unsubscribe {genuine}",
            body: $"Please unsubscribe me from everything: {genuine} mailto:{genuine}");
        Assert.Equal(new Answer(0, 0), await (await PostAsync(app, quoted)).Content.ReadFromJsonAsync<Answer>(Ct));
        Assert.Equal(SubscriptionStatus.Active, await app.StatusAsync("reader@example.test", daily));

        // And to the right address, whatever the body says (here: "subscribe", and an empty subject), it unsubscribes.
        var contrary = Message(to: genuine, subject: "", body: "subscribe me to more briefings please");
        Assert.Equal(new Answer(0, 1), await (await PostAsync(app, contrary)).Content.ReadFromJsonAsync<Answer>(Ct));
        Assert.Equal(SubscriptionStatus.Unsubscribed, await app.StatusAsync("reader@example.test", daily));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task UnsubscribeMailDroppedInTheBounceFolderIsActedOnOnce(Db db)
    {
        await using var app = await StartAsync(db);
        var id = await app.ConfirmedSubscriberAsync("reader@example.test", "daily-briefing", "gulf-briefing");
        var daily = await app.ListIdAsync("daily-briefing");
        var folder = app.Services.GetRequiredService<BounceFolderWorker>();
        Directory.CreateDirectory(folder.Folder);
        await File.WriteAllTextAsync(Path.Combine(folder.Folder, "0001.eml"), Message(to: Address(app.Links().MailtoUnsubscribe(id, daily))), Ct);

        Assert.Equal(1, await folder.ProcessFolderAsync(Ct));

        Assert.Equal(SubscriptionStatus.Unsubscribed, await app.StatusAsync("reader@example.test", daily));
        Assert.Equal(SubscriptionStatus.Active, await app.StatusAsync("reader@example.test", await app.ListIdAsync("gulf-briefing")));
        Assert.True(File.Exists(Path.Combine(folder.Folder, "processed", "0001.eml")));
        Assert.Equal(0, await folder.ProcessFolderAsync(Ct));
    }

    private sealed record Answer(int HardBounces, int Unsubscribes);

    private static string Address(string mailto) => mailto["mailto:".Length..];

    private static string Message(string to, string subject = "unsubscribe", string body = "", string? deliveredTo = null)
    {
        var message = new MimeMessage { Subject = subject };
        message.From.Add(new MailboxAddress("A Reader", "reader@example.test"));
        message.To.Add(MailboxAddress.Parse(to));
        if (deliveredTo is not null) message.Headers.Add("Delivered-To", deliveredTo);
        message.Body = new TextPart("plain") { Text = body };
        return message.ToString();
    }

    private static async Task<HttpResponseMessage> PostAsync(TestApp app, string body)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bounces") { Content = new StringContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        request.Headers.Add(BounceEndpoints.KeyHeader, Key);
        return await client.SendAsync(request, Ct);
    }
}
