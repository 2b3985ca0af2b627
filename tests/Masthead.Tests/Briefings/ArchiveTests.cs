using System.Net;
using Masthead.Briefings.Editions;
using Masthead.Content;
using Masthead.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Briefings;

public sealed class ArchiveTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(Databases))]
    public async Task ASentEditionIsArchivedByDateWithProItemsAsTeasersAndUnknownDatesAre404(Db db)
    {
        await using var app = await EditionTestSupport.StartAsync(db);
        var list = await app.CreateListAsync(timeZone: "Asia/Dubai");
        var pro = await app.CreateArticleAsync("Tanker swap memo", access: AccessLevel.Pro, body: "SECRET-PRO-ANALYSIS inside");
        var pub = await app.CreateArticleAsync("Port volumes");
        var draft = await app.CreateDraftAsync(list.Id, pro.Id, pub.Id);
        var unsent = await app.CreateDraftAsync(list.Id, pub.Id);
        await app.CreateSubscriberAsync("amira@example.test", list.Id, "Amira");
        app.Time.Advance(TimeSpan.FromHours(12)); // 21:00 UTC = 01:00 on the 21st in Dubai
        var result = await app.InScopeAsync(sp => sp.GetRequiredService<EditionSender>().SendNowAsync(draft.Id, Ct));
        Assert.True(result.Ok, result.Error);

        var client = app.CreateBrowserClient();
        var index = await client.GetStringAsync("/briefings", Ct);
        Assert.Contains("href=\"/briefings/gulf-briefing\"", index);
        var listPage = await client.GetStringAsync("/briefings/gulf-briefing", Ct);
        Assert.Contains("href=\"/briefings/gulf-briefing/2026-11-21\"", listPage);

        var page = await client.GetStringAsync("/briefings/gulf-briefing/2026-11-21", Ct);
        Assert.Contains("This week in the Gulf", page);
        Assert.Contains("<strong>Dubai</strong>", page);
        Assert.Contains("Tanker swap memo", page);
        Assert.Contains("PRO", page);
        Assert.DoesNotContain("SECRET-PRO-ANALYSIS", page);
        Assert.DoesNotContain("token=", page);
        Assert.DoesNotContain("amira", page);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/briefings/gulf-briefing/2026-11-20", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/briefings/gulf-briefing/2026-13-45", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/briefings/no-such-list", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/briefings/gulf-briefing?page=5", Ct)).StatusCode);
        _ = unsent;
    }
}
