using System.Net;
using System.Xml.Linq;
using Masthead.Accounts;
using Masthead.Content;
using Masthead.Membership.PrivateFeeds;
using Masthead.Tests.Billing;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Masthead.Tests.Content.ReaderTestSupport;
using static Masthead.Tests.Membership.PaywallMatrixTests;

namespace Masthead.Tests.Membership;

/// <summary>Private full-text feeds with the real billing entitlements: full text while the owner holds PRO, the
/// public feeds' teasers the moment it ends, and an old address dead the moment it is rotated or revoked.</summary>
public sealed class PrivateFeedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly XNamespace ContentEncoded = "http://purl.org/rss/1.0/modules/content/";

    /// <summary>A billing app with the output cache on (as in production), the PRO piece, a members piece and a public one.</summary>
    private static async Task<TestApp> StartAsync(Db db, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? []) { ["Site:OutputCacheSeconds"] = "600" };
        var app = await BillingTestSupport.StartBillingAppAsync(db, all);
        await app.CreateArticleAsync("Tanker swap memo", access: AccessLevel.Pro, body: Body, slug: PaywallMatrixTests.Slug);
        await app.CreateArticleAsync("Members briefing note", access: AccessLevel.Members, body: "Members-only paragraph.");
        await app.CreateArticleAsync("Open reporting", body: "Public paragraph.");
        return app;
    }

    /// <summary>A trial is one per card: a second member in one test needs another test card.</summary>
    private static async Task<(HttpClient Client, User User)> ProMemberAsync(TestApp app, string card = Masthead.Billing.Gateway.TestCards.Succeeds)
    {
        var email = $"pro-{Guid.NewGuid():n}@example.test";
        var client = await app.SignedInClientAsync(null, email);
        var user = await app.WithDbAsync(d => d.Users.SingleAsync(u => u.Email == email, Ct));
        await app.StartTrialAsync(user, card);
        return (client, user);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ProMembersFeedHasFullTextAndOnlyTeasersTheMomentProEnds(Db db)
    {
        await using var app = await StartAsync(db);
        var (member, user) = await ProMemberAsync(app);
        var token = await member.PostPanelAsync("Create");
        Assert.NotNull(token);
        Assert.True(token.Length >= 22, "at least 128 bits of Base64Url");
        var feedReader = app.CreateBrowserClient();

        var (rss, rssXml) = await feedReader.ReadFeedAsync(PrivateFeedSupport.RssPath(token));
        var item = Assert.Single(rss.Items);
        Assert.Equal("Tanker swap memo", item.Title.Text);
        Assert.Contains(Sentence, rssXml);
        var (atom, atomXml) = await feedReader.ReadFeedAsync(PrivateFeedSupport.AtomPath(token));
        Assert.Equal("Tanker swap memo", Assert.Single(atom.Items).Title.Text);
        Assert.Contains(Sentence, atomXml);
        Assert.DoesNotContain("Members-only paragraph", rssXml + atomXml);
        Assert.DoesNotContain("Open reporting", rssXml + atomXml);

        // Cancelled in the trial: PRO until the trial's end, then nothing. No clock pass runs the feed; the
        // entitlement alone decides, and the feed was read (and could have been kept) moments before.
        await app.BillingAsync(b => b.CancelAsync(user.Id, Ct));
        Assert.Contains(Sentence, (await feedReader.ReadFeedAsync(PrivateFeedSupport.RssPath(token))).Xml);
        var periodEnd = (await app.SubscriptionAsync(user)).CurrentPeriodEnd;
        app.Time.SetUtcNow(periodEnd);

        var lapsed = XDocument.Parse((await feedReader.ReadFeedAsync(PrivateFeedSupport.RssPath(token))).Xml);
        Assert.DoesNotContain(Sentence, lapsed.ToString());
        var teaser = Assert.Single(lapsed.Descendants("item"));
        Assert.Null(teaser.Element(ContentEncoded + "encoded"));
        // Exactly what the public feed shows of the same piece.
        var publicItem = (await feedReader.GetXmlAsync("/feed.xml")).Descendants("item")
            .Single(i => (string?)i.Element("title") == "Tanker swap memo");
        Assert.Equal(publicItem.ToString(), teaser.ToString());
        Assert.DoesNotContain(Sentence, (await feedReader.ReadFeedAsync(PrivateFeedSupport.AtomPath(token))).Xml);

        var account = await member.GetOkAsync("/account");
        Assert.Contains("Your PRO membership has ended", account);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task RotatingOrRevokingKillsTheOldAddressAtOnceAndAnUnknownOneChangesNothing(Db db)
    {
        await using var app = await StartAsync(db);
        var (member, user) = await ProMemberAsync(app);
        var feedReader = app.CreateBrowserClient();
        var first = (await member.PostPanelAsync("Create"))!;
        Assert.Contains(Sentence, (await feedReader.ReadFeedAsync(PrivateFeedSupport.RssPath(first))).Xml);
        // The address is shown once: the page after the next one only says the feed is on.
        var later = await member.GetOkAsync("/account");
        Assert.DoesNotContain(first, later);
        Assert.Contains("Your private feed is on", later);

        var second = await member.PostPanelAsync("Rotate");
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        await feedReader.AssertGoneAsync(first);
        Assert.Contains(Sentence, (await feedReader.ReadFeedAsync(PrivateFeedSupport.AtomPath(second))).Xml);

        // Unknown, malformed and near-miss tokens: 404 with the message, and the member's feed untouched.
        foreach (var wrong in new[] { second[..^1] + (second[^1] == 'A' ? 'B' : 'A'), "x", new string('A', 43) })
        {
            await feedReader.AssertGoneAsync(wrong);
        }
        Assert.Contains(Sentence, (await feedReader.ReadFeedAsync(PrivateFeedSupport.RssPath(second))).Xml);

        Assert.Null(await member.PostPanelAsync("Revoke"));
        await feedReader.AssertGoneAsync(second);
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<PrivateFeedToken>().CountAsync(t => t.UserId == user.Id, Ct)));
        Assert.Contains("Create my private feed", await member.GetOkAsync("/account"));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AFeedShowsItsOwnersViewWhateverCookieComesWithTheRequest(Db db)
    {
        await using var app = await StartAsync(db);
        var (pro, _) = await ProMemberAsync(app);
        var proToken = (await pro.PostPanelAsync("Create"))!;
        var reader = await app.ReaderAsync();
        var readerClient = await app.SignedInClientAsync(null, $"signed-in-{Guid.NewGuid():n}@example.test");
        var readerToken = await app.IssueTokenAsync(reader.Id);
        var editor = await app.SignedInClientAsync(Roles.Editor);

        // The PRO member's address in a free reader's browser: still the member's full text.
        Assert.Contains(Sentence, (await readerClient.ReadFeedAsync(PrivateFeedSupport.RssPath(proToken))).Xml);
        // A free reader's address opened with a PRO member's or an editor's cookie: still that reader's teasers.
        foreach (var client in new[] { pro, editor, app.CreateBrowserClient() })
        {
            var (feed, xml) = await client.ReadFeedAsync(PrivateFeedSupport.RssPath(readerToken));
            Assert.Equal("Tanker swap memo", Assert.Single(feed.Items).Title.Text);
            Assert.DoesNotContain(Sentence, xml);
            Assert.DoesNotContain(Sentence, (await client.ReadFeedAsync(PrivateFeedSupport.AtomPath(readerToken))).Xml);
        }
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task OnlyProMembersAndStaffCreateAFeedAndOnlyThroughTheForm(Db db)
    {
        await using var app = await StartAsync(db);
        var reader = await app.SignedInClientAsync();
        var (refused, page) = await reader.PostPanelForPageAsync("Create");
        Assert.Null(refused);
        Assert.Contains("The private feed is part of PRO membership", page);
        Assert.DoesNotContain("Create my private feed", page);

        var (member, _) = await ProMemberAsync(app);
        var forged = await member.PostFormWithoutTokenAsync("/account/private-feed?handler=Create", []);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<PrivateFeedToken>().CountAsync(Ct)));
        var anonymous = await app.CreateBrowserClient().PostFormWithoutTokenAsync("/account/private-feed?handler=Create", []);
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);

        var editor = await app.SignedInClientAsync(Roles.Editor);
        var token = await editor.PostPanelAsync("Create");
        Assert.NotNull(token);
        Assert.Contains(Sentence, (await app.CreateBrowserClient().ReadFeedAsync(PrivateFeedSupport.RssPath(token))).Xml);
        Assert.Equal(1, await app.WithDbAsync(d => d.Set<PrivateFeedToken>().CountAsync(Ct)));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task EachTokenHasItsOwnModestRateLimit(Db db)
    {
        await using var app = await StartAsync(db, new() { ["Membership:PrivateFeeds:RequestsPerWindow"] = "2" });
        var (one, _) = await ProMemberAsync(app);
        var (other, _) = await ProMemberAsync(app, Masthead.Billing.Gateway.TestCards.ChargeFails);
        var first = (await one.PostPanelAsync("Create"))!;
        var second = (await other.PostPanelAsync("Create"))!;
        var feedReader = app.CreateBrowserClient();

        await feedReader.ReadFeedAsync(PrivateFeedSupport.RssPath(first));
        await feedReader.ReadFeedAsync(PrivateFeedSupport.AtomPath(first));
        var limited = await feedReader.GetAsync(PrivateFeedSupport.RssPath(first), Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.DoesNotContain(Sentence, await limited.Content.ReadAsStringAsync(Ct));
        Assert.Contains(Sentence, (await feedReader.ReadFeedAsync(PrivateFeedSupport.RssPath(second))).Xml);
    }
}
