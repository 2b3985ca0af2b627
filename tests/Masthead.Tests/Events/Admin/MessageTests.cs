using System.Net;
using Masthead.Accounts;
using Masthead.Events;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Events.Admin;

/// <summary>Messages to registrants: the audience decides who, the preview counts without sending, and the same
/// message posted twice reaches each recipient once.</summary>
public sealed class MessageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Message(string audience, string command = "send") => new()
    {
        ["Audience"] = audience,
        ["Subject"] = "Doors open at 7:30",
        ["Body"] = "Please bring your ticket.\n\nBreakfast is served from 7:45.",
        ["Command"] = command,
    };

    [Theory, ClassData(typeof(Databases))]
    public async Task AMessagePostedTwiceQueuesExactlyOneMailPerRecipient(Db db)
    {
        await using var app = await EventAdminSupport.StartAsync(db);
        var ev = await app.SeedEventAsync();
        await app.RegistrantAsync(ev.Id, "lina@example.test", RegistrationStatus.Confirmed, "Lina Aziz");
        await app.RegistrantAsync(ev.Id, "omar@example.test", RegistrationStatus.Confirmed, "Omar Saleh");
        await app.RegistrantAsync(ev.Id, "wait@example.test", RegistrationStatus.Waitlisted);
        await app.RegistrantAsync(ev.Id, "vip@example.test", RegistrationStatus.Requested);
        await app.RegistrantAsync(ev.Id, "gone@example.test", RegistrationStatus.Canceled);
        var editor = await app.SignedInClientAsync(Roles.Editor, "desk@example.test");
        var url = $"/admin/events/{ev.Id}/message";

        var preview = await editor.PostFormAsync(url, Message("waitlisted", "preview"));
        Assert.Contains("This message goes to 3 people", await preview.TextAsync());
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<EventMessage>().CountAsync(Ct)));

        var first = await editor.PostFormAsync(url, Message("waitlisted"));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains("notice=sent", first.Headers.Location!.OriginalString);
        var again = await editor.PostFormAsync(url, Message("waitlisted"));
        Assert.Contains("notice=repeated", again.Headers.Location!.OriginalString);

        var message = await app.WithDbAsync(d => d.Set<EventMessage>().SingleAsync(Ct));
        Assert.Equal(("waitlisted", 3, "desk@example.test"), (message.Audience, message.Recipients, message.SentBy));
        var keys = await app.WithDbAsync(d => d.Outbox.Where(o => o.MessageKey.StartsWith($"event/{ev.Id}/message/"))
            .Select(o => o.MessageKey).ToListAsync(Ct));
        Assert.Equal(3, keys.Count);
        Assert.All(keys, k => Assert.StartsWith($"event/{ev.Id}/message/{message.Id}/", k));

        await app.DeliverQueuedAsync();
        foreach (var to in new[] { "lina@example.test", "omar@example.test", "wait@example.test" })
        {
            var mail = Assert.Single(Mailbox.To(app.MailDirectory, to));
            Assert.Equal("Doors open at 7:30", mail.Subject);
            Assert.Contains("Breakfast is served from 7:45.", mail.TextBody);
            Assert.Contains("/events/gulf-energy-breakfast", mail.TextBody);
        }
        Assert.Empty(Mailbox.To(app.MailDirectory, "vip@example.test"));
        Assert.Empty(Mailbox.To(app.MailDirectory, "gone@example.test"));

        // A different message is a new one; the history lists both.
        await editor.PostFormAsync(url, Message("all").With(("Subject", "Parking")));
        await app.DeliverQueuedAsync();
        Assert.Equal(2, Mailbox.To(app.MailDirectory, "lina@example.test").Count);
        Assert.Single(Mailbox.To(app.MailDirectory, "vip@example.test"));
        var history = await (await editor.GetAsync(url, Ct)).TextAsync();
        Assert.Contains("Sent before (2)", history);
        Assert.Contains("Parking", history);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AMessageWithoutASubjectOrWithALineBreakInItSendsNothing(Db db)
    {
        await using var app = await EventAdminSupport.StartAsync(db);
        var ev = await app.SeedEventAsync();
        await app.RegistrantAsync(ev.Id, "lina@example.test", RegistrationStatus.Confirmed);
        var editor = await app.SignedInClientAsync(Roles.Editor);
        var url = $"/admin/events/{ev.Id}/message";
        foreach (var (form, text) in new[]
        {
            (Message("confirmed").With(("Subject", "")), "Write a subject."),
            (Message("confirmed").With(("Subject", "Hello\r\nBcc: everyone@example.test")), "The subject must be one line."),
            (Message("confirmed").With(("Body", "  ")), "Write the message."),
            (Message("nobody"), "Choose who receives the message."),
        })
        {
            var response = await editor.PostFormAsync(url, form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(text, await response.TextAsync());
        }
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<EventMessage>().CountAsync(Ct)));
        Assert.Equal(0, await app.WithDbAsync(d => d.Outbox.CountAsync(o => o.MessageKey.StartsWith("event/"), Ct)));
    }
}
