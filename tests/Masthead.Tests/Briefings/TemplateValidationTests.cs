using System.Net;
using Masthead.Accounts;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Briefings;

public sealed class TemplateValidationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> ValidForm() => new()
    {
        ["Input.Name"] = "Gulf Briefing",
        ["Input.Slug"] = "gulf-briefing",
        ["Input.Cadence"] = "Weekly",
        ["Input.Schedule"] = "0 7 * * 4",
        ["Input.TimeZone"] = "Asia/Dubai",
        ["Input.FromName"] = "The Levant Ledger",
        ["Input.FromAddress"] = "gulf@ledger.example",
        ["Input.MaxItems"] = "6",
        ["Input.IsActive"] = "true",
    };

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient client, int listId, Dictionary<string, string> form)
    {
        var response = await client.PostFormAsync($"/admin/briefings/{listId}", form);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ValidSettingsAreSavedAndTheListPageShowsTheScheduleInWords(Db db)
    {
        await using var app = await EditionTestSupport.StartAsync(db);
        var list = await app.CreateListAsync();
        await app.CreateArticleAsync("Seed", sectionSlug: "energy", tagSlugs: ["oil"]);
        var client = await app.SignedInClientAsync(Roles.Editor);
        var form = ValidForm();
        form["Input.SubjectTemplate"] = "[Gulf] {{ edition.subject }}";
        var pairs = form.ToList();
        pairs.Add(new("Input.Sections", "energy"));
        pairs.Add(new("Input.Tags", "oil"));
        pairs.Add(new("Input.Tags", "not-a-tag"));
        var token = await client.AntiforgeryTokenAsync($"/admin/briefings/{list.Id}");
        pairs.Add(new("__RequestVerificationToken", token));
        var response = await client.PostAsync($"/admin/briefings/{list.Id}", new FormUrlEncodedContent(pairs), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await app.WithDbAsync(d => d.BriefingLists.SingleAsync(l => l.Id == list.Id));
        Assert.Equal(("0 7 * * 4", "Asia/Dubai", "energy", "oil", 6, "[Gulf] {{ edition.subject }}"),
            (saved.Schedule, saved.TimeZone, saved.RuleSections, saved.RuleTags, saved.RuleMaxItems, saved.SubjectTemplate));
        var index = await client.GetStringAsync("/admin/briefings");
        Assert.Contains("Every Thursday at 07:00", index);
        // 2026-11-20 is a Friday: the next Thursday 07:00 in Dubai.
        Assert.Contains("Thu 26 Nov 2026, 07:00 (Asia/Dubai)", index);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ATemplateWithALiquidErrorIsReportedInlineAndNothingIsSaved(Db db)
    {
        await using var app = await EditionTestSupport.StartAsync(db);
        var list = await app.CreateListAsync();
        var client = await app.SignedInClientAsync(Roles.Editor);
        var form = ValidForm();
        form["Input.Name"] = "Renamed";
        form["Input.HtmlTemplate"] = "<p>{% for item in items %}{{ item.title }}</p>";
        form["Input.TextTemplate"] = "{{ edition.subject | nosuchfilter: }";

        var (status, body) = await PostAsync(client, list.Id, form);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Nothing was saved", body);
        Assert.Contains("id=\"err-Input-HtmlTemplate\"", body);
        Assert.Contains("id=\"err-Input-TextTemplate\"", body);
        Assert.Contains("The template does not parse", body);
        var stored = await app.WithDbAsync(d => d.BriefingLists.SingleAsync(l => l.Id == list.Id));
        Assert.Equal(("Gulf Briefing", ""), (stored.Name, stored.HtmlTemplate));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task BadCronTimeZoneAndSenderAreReportedInline(Db db)
    {
        await using var app = await EditionTestSupport.StartAsync(db);
        var list = await app.CreateListAsync();
        var client = await app.SignedInClientAsync(Roles.Editor);
        var form = ValidForm();
        form["Input.Schedule"] = "61 25 * * *";
        form["Input.TimeZone"] = "Mars/Olympus_Mons";
        form["Input.FromName"] = "Ledger\r\nBcc: x@example.test";
        form["Input.FromAddress"] = "not-an-address";

        var (status, body) = await PostAsync(client, list.Id, form);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"err-Input-Schedule\"", body);
        Assert.Contains("id=\"err-Input-TimeZone\"", body);
        Assert.Contains("id=\"err-Input-FromName\"", body);
        Assert.Contains("id=\"err-Input-FromAddress\"", body);
        var stored = await app.WithDbAsync(d => d.BriefingLists.SingleAsync(l => l.Id == list.Id));
        Assert.Equal((null, "UTC"), (stored.Schedule, stored.TimeZone));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task ATemplateTooBigForA100KilobyteMessageIsRefusedAtEditTime(Db db)
    {
        await using var app = await EditionTestSupport.StartAsync(db);
        var list = await app.CreateListAsync();
        var client = await app.SignedInClientAsync(Roles.Editor);
        var form = ValidForm();
        form["Input.HtmlTemplate"] = "{% for i in (1..2000) %}<p>Padding that repeats far too often.</p>{% endfor %}";

        var (status, body) = await PostAsync(client, list.Id, form);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("must stay under 100 KB", body);
        Assert.Equal("", await app.WithDbAsync(d => d.BriefingLists.Select(l => l.HtmlTemplate).SingleAsync()));
    }
}
