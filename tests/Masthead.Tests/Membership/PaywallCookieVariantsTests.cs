using System.Net;
using System.Text.RegularExpressions;
using Masthead.Content;
using Masthead.Site;
using Masthead.Tests.Content;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Membership;

/// <summary>The paywall matrix's "cookie variants" axis. The output cache chooses an entry before authentication
/// runs, so a Cookie header that the cookie handler reads as signed in but the cache reads as signed out would
/// render a member's view and keep it under the anonymous key, for every visitor after. Each variant below carries
/// a valid sign-in cookie of a reader who may read the gated piece; after it has been sent to every channel, an
/// anonymous visitor asks the same channels and must see no gated text.</summary>
public sealed partial class PaywallCookieVariantsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string MembersSentence = "Osprey-Teal: the members paragraph that free accounts may read";
    private const string MembersSlug = "members-port-note";

    /// <summary>How a request can carry the sign-in cookie (name <c>masthead.auth</c>, value V). Each is a list of
    /// Cookie headers.</summary>
    internal static readonly (string Name, Func<string, string[]> Headers)[] Variants =
    [
        ("plain", v => [$"masthead.auth={v}"]),
        ("after another cookie", v => [$"x=1; masthead.auth={v}"]),
        ("tab before the name", v => [$"x=1;\tmasthead.auth={v}"]),
        ("no space before the name", v => [$"x=1;masthead.auth={v}"]),
        ("several spaces", v => [$"x=1;   masthead.auth={v}"]),
        ("upper case name", v => [$"MASTHEAD.AUTH={v}"]),
        ("mixed case name", v => [$"x=1; Masthead.Auth={v}"]),
        ("comma separated", v => [$"x=1, masthead.auth={v}"]),
        ("quoted value", v => [$"masthead.auth=\"{v}\""]),
        ("duplicate, forged first", v => [$"masthead.auth=forged; masthead.auth={v}"]),
        ("duplicate, valid first", v => [$"masthead.auth={v}; masthead.auth=forged"]),
        ("two Cookie headers", v => ["x=1", $"masthead.auth={v}"]),
        ("two Cookie headers, tab", v => ["x=1", $"\tMASTHEAD.AUTH={v}"]),
        ("chunked", v => [$"masthead.auth=chunks-2; masthead.authC1={v[..(v.Length / 2)]}; masthead.authC2={v[(v.Length / 2)..]}"]),
        ("chunked, upper case", v => [$"x=1;\tMASTHEAD.AUTH=chunks-2; MASTHEAD.AUTHC1={v[..(v.Length / 2)]}; MASTHEAD.AUTHC2={v[(v.Length / 2)..]}"]),
        ("percent-encoded name", v => [$"masthead%2Eauth={v}"]),
    ];

    public static TheoryData<Db, bool> Settings() => new() { { Db.Sqlite, true }, { Db.Sqlite, false }, { Db.Postgres, true }, { Db.Postgres, false } };

    [Theory, MemberData(nameof(Settings))]
    public async Task NoCookieVariantOfAMembersRequestPutsGatedTextInTheAnonymousView(Db db, bool shareSignedInViews)
    {
        await using var app = await PaywallSupport.StartAsync(db, new()
        {
            ["Site:OutputCacheSeconds"] = "600",
            ["Site:ShareSignedInViews"] = shareSignedInViews.ToString(),
        });
        var fixture = await PaywallMatrixTests.SeedAsync(app);
        await app.CreateArticleAsync("Members port note", access: AccessLevel.Members, slug: MembersSlug,
            body: $"Lead of the members note.\n\nSecond paragraph.\n\n{MembersSentence}.");
        var pro = await SignInCookieAsync(app, PaywallSupport.EmailOf(Role.Pro));
        var free = await SignInCookieAsync(app, PaywallSupport.EmailOf(Role.Free));
        var store = app.Services.GetRequiredService<IOutputCacheStore>();
        var failures = new List<string>();
        var authenticatedVariants = 0;

        foreach (var (name, headers) in Variants)
        {
            foreach (var (reader, cookie, sentence, paths) in new[]
            {
                ("PRO", pro, PaywallMatrixTests.Sentence, (string[]?)null),
                ("free", free, MembersSentence, [$"/articles/{MembersSlug}", $"/api/v1/articles/{MembersSlug}"]),
            })
            {
                await store.EvictByTagAsync(SiteModule.ContentCacheTag, Ct);
                var attacker = RawClient(app, headers(cookie));
                if ((await attacker.GetStringAsync($"/articles/{PaywallMatrixTests.Slug}", Ct)).Contains("href=\"/account\"", StringComparison.Ordinal)) authenticatedVariants++;
                await FetchEveryChannelAsync(fixture, attacker, paths);
                var anonymous = RawClient(app, []);
                foreach (var (channel, text) in await FetchEveryChannelAsync(fixture, anonymous, paths))
                {
                    if (text.Contains(sentence, StringComparison.Ordinal)) failures.Add($"{channel} after a {reader} request with '{name}'");
                }
            }
        }
        Assert.True(failures.Count == 0, "gated text reached an anonymous visitor:\n" + string.Join("\n", failures));
        // The axis proves something only if the handler really signs in through most variants.
        Assert.True(authenticatedVariants >= Variants.Length, $"only {authenticatedVariants} of {Variants.Length * 2} requests were signed in");
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AnAnonymousRequestAfterAnySignedInRequestSeesOnlyTheTeaser(Db db)
    {
        // The matrix's order reversed: every signed-in role fills the cache first, anonymous asks last.
        await using var app = await PaywallSupport.StartAsync(db, new() { ["Site:OutputCacheSeconds"] = "600" });
        var fixture = await PaywallMatrixTests.SeedAsync(app);
        foreach (var role in Enum.GetValues<Role>().Where(r => r != Role.Anonymous))
        {
            await FetchEveryChannelAsync(fixture, await app.ClientAsync(role), null);
        }
        var leaks = (await FetchEveryChannelAsync(fixture, app.CreateBrowserClient(), null))
            .Where(c => c.Text.Contains(PaywallMatrixTests.Sentence, StringComparison.Ordinal)).Select(c => c.Channel).ToList();
        Assert.True(leaks.Count == 0, "leaked to anonymous: " + string.Join(", ", leaks));
        Assert.Contains(PaywallMatrixTests.Lead, await app.CreateBrowserClient().GetOkAsync($"/articles/{PaywallMatrixTests.Slug}"));
    }

    /// <summary>Every matrix channel, or only the given paths; a channel that is not 200 for this request counts as
    /// showing nothing (the attacker's own answers are not what is under test).</summary>
    private static async Task<List<(string Channel, string Text)>> FetchEveryChannelAsync(PaywallMatrixTests.Fixture fixture, HttpClient client, string[]? paths)
    {
        var results = new List<(string, string)>();
        if (paths is not null)
        {
            foreach (var path in paths)
            {
                var response = await client.GetAsync(path, Ct);
                results.Add((path, response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(Ct) : ""));
            }
            return results;
        }
        foreach (var channel in PaywallMatrixTests.Channels)
        {
            try { results.Add((channel.Name, await channel.Fetch(fixture, client))); }
            catch (Exception e) when (e is not OperationCanceledException) { results.Add((channel.Name, "")); }
        }
        return results;
    }

    /// <summary>A client that sends exactly the given Cookie headers and keeps none.</summary>
    private static HttpClient RawClient(TestApp app, string[] cookieHeaders)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        if (cookieHeaders.Length > 0) Assert.True(client.DefaultRequestHeaders.TryAddWithoutValidation("Cookie", cookieHeaders));
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();

    /// <summary>Signs the paywall role's user in through the real password form and returns the value of the
    /// sign-in cookie the app set.</summary>
    internal static async Task<string> SignInCookieAsync(TestApp app, string email)
    {
        await app.CreateUserAsync(email);
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var form = await client.GetAsync("/account/signin", Ct);
        var antiforgery = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = WebUtility.HtmlDecode(TokenRegex().Match(await form.Content.ReadAsStringAsync(Ct)).Groups[1].Value);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/signin?handler=Password")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = email, ["Password"] = TestApp.TestPassword, ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.TryAddWithoutValidation("Cookie", antiforgery);
        var signedIn = await client.SendAsync(post, Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var auth = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("masthead.auth=", StringComparison.Ordinal));
        return auth.Split(';')[0]["masthead.auth=".Length..];
    }
}
