using Masthead.Briefings;
using Masthead.Delivery.Outbox;
using Masthead.Operations;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Masthead.Tests.Briefings;

public sealed class EditionCliTests
{
    internal static async Task<(int Code, string Output)> RunAsync(TestApp app, params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        var code = await Cli.RunAsync(app.Services, args, console);
        return (code, writer.ToString());
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task BriefingsSendQueuesAnEditionWatchesItDrainAndResumesIdempotently(Db db)
    {
        await using var app = await EditionTestSupport.StartAsync(db);
        var list = await app.CreateListAsync();
        var edition = await app.CreateDraftAsync(list.Id, (await app.CreateArticleAsync("Alpha")).Id);
        await app.CreateSubscriberAsync("amira@example.test", list.Id);
        await app.CreateSubscriberAsync("yusuf@example.test", list.Id);

        var (code, output) = await RunAsync(app, "briefings", "send", "--edition", edition.Id.ToString(), "--timeout", "0");
        Assert.Equal(Cli.Ok, code);
        Assert.Contains("queued for 2 recipient(s)", output);
        Assert.Equal(2, await app.WithDbAsync(d => d.Outbox.CountAsync()));

        // A worker delivered everything: watching ends at once with the totals.
        await app.WithDbAsync(d => d.Outbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sent)));
        (code, output) = await RunAsync(app, "briefings", "send", "--edition", edition.Id.ToString(), "--timeout", "30");
        Assert.Equal(Cli.Ok, code);
        Assert.Contains("resuming", output);
        Assert.Contains("Sent 2", output);
        Assert.Equal(2, await app.WithDbAsync(d => d.Outbox.CountAsync()));
        // Every row settled: the edition is Sent, without waiting for the scheduler's next pass.
        Assert.Equal(EditionStatus.Sent, await app.WithDbAsync(d => d.Editions.Select(e => e.Status).SingleAsync()));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task BriefingsSendRefusesBadInputAndChangesNothing(Db db)
    {
        await using var app = await EditionTestSupport.StartAsync(db);
        var list = await app.CreateListAsync();
        await app.CreateSubscriberAsync("amira@example.test", list.Id);

        Assert.Equal(Cli.BadInput, (await RunAsync(app, "briefings", "send")).Code);
        Assert.Equal(Cli.BadInput, (await RunAsync(app, "briefings", "send", "--edition", "x")).Code);
        Assert.Equal(Cli.BadInput, (await RunAsync(app, "briefings", "send", "--list", "nope")).Code);
        var (code, output) = await RunAsync(app, "briefings", "send", "--list", list.Slug, "--timeout", "0");
        Assert.Equal(Cli.BadInput, code); // nothing published yet: an empty edition is not sent
        Assert.Contains("Add at least one article", output);
        Assert.Equal(0, await app.WithDbAsync(d => d.Outbox.CountAsync()));
    }
}
