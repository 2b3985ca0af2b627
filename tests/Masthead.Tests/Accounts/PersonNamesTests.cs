using System.Net;
using Masthead.Accounts;
using Masthead.Briefings.Import;
using Masthead.Operations;
using Masthead.Tests.Briefings;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Masthead.Tests.Accounts;

public sealed class PersonNamesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Shown as "Omarexe.jpg" wherever it is displayed: the override (U+202E) reverses what follows, the
    /// pop-isolate (U+2069) is another bidi control.</summary>
    private const string Spoofing = "Omar\u202Egpj.exe\u2069";
    private const string Stored = "Omargpj.exe";

    [Theory]
    [InlineData("Omar\u202Egpj.exe", "Omargpj.exe")]
    [InlineData("\u2066Rana\u2069 \u200FHaddad\u200E\u061C", "Rana Haddad")]
    [InlineData("Leila\u202A\u202B\u202C\u202D Mansour", "Leila Mansour")]
    [InlineData("  Two\r\nlines\tand\u2028more  ", "Two lines and more")]
    [InlineData("Bell\u0007 and\u0001 nul\u007F\u0085", "Bell and nul")]
    [InlineData("\u0645\u0647\u200C\u0633\u0627", "\u0645\u0647\u200C\u0633\u0627")] // Persian keeps its zero-width non-joiner
    [InlineData("Ünïcødé O'Brien-Smith", "Ünïcødé O'Brien-Smith")]
    [InlineData("\u202E\u200F ", null)]
    [InlineData(null, null)]
    public void CleaningDropsBidiAndControlCharactersAndKeepsEverythingElse(string? typed, string? expected) =>
        Assert.Equal(expected, PersonNames.Clean(typed));

    [Theory, ClassData(typeof(Databases))]
    public async Task ANameWithABidiOverrideIsStoredWithoutItWhereverANameIsAccepted(Db db)
    {
        await using var app = await TestApp.StartAsync(db, new() { ["Accounts:IpPermitLimit"] = "50" });

        // Account sign-up.
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserClient().PostFormAsync("/account/signup",
            new() { ["Email"] = "signup@example.test", ["Name"] = Spoofing })).StatusCode);
        Assert.Equal(Stored, await DisplayNameAsync(app, "signup@example.test"));

        // The account page's name.
        var reader = await app.SignedInClientAsync(email: "profile@example.test");
        Assert.Equal(HttpStatusCode.Redirect, (await reader.PostFormAsync("/account?handler=Profile", new() { ["Name"] = Spoofing })).StatusCode);
        Assert.Equal(Stored, await DisplayNameAsync(app, "profile@example.test"));

        // A staff account from the CLI.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(new StringWriter()) });
        Assert.Equal(0, await Cli.RunAsync(app.Services, ["admin", "create", "--email", "staff@example.test", "--name", Spoofing,
            "--password", "long-enough-secret"], console));
        Assert.Equal(Stored, await DisplayNameAsync(app, "staff@example.test"));

        // The briefing signup form other sites embed.
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateClient(new() { AllowAutoRedirect = false }).PostAsync("/briefings/subscribe/embed",
            new FormUrlEncodedContent([new("email", "embed@example.test"), new("name", Spoofing), new("list", "daily-briefing")]), Ct)).StatusCode);
        Assert.Equal(Stored, (await app.SubscriberAsync("embed@example.test"))!.Name);

        // A CSV import.
        var read = SubscriberCsv.Read(new StringReader($"email,name,lists\ncsv@example.test,{Spoofing},daily-briefing\n"));
        var daily = await app.ListIdAsync("daily-briefing");
        await app.WithDbAsync(d => new SubscriberImporter(d, null!, app.Time).ImportAsync(read, new ImportOptions([daily], Confirmed: true), null, Ct));
        Assert.Equal(Stored, (await app.SubscriberAsync("csv@example.test"))!.Name);

        // An author, from the admin form.
        var editor = await app.SignedInClientAsync(Roles.Editor);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync("/admin/authors/new", new() { ["Input.Name"] = Spoofing })).StatusCode);
        Assert.Equal(Stored, await app.WithDbAsync(d => d.Authors.Select(a => a.Name).SingleAsync(Ct)));
    }

    private static Task<string?> DisplayNameAsync(TestApp app, string email) =>
        app.WithDbAsync(d => d.Users.Where(u => u.Email == email).Select(u => u.DisplayName).SingleAsync(Ct));
}
