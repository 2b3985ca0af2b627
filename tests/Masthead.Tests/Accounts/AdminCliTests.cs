using System.Net;
using Masthead.Accounts;
using Masthead.Operations;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Masthead.Tests.Accounts;

public sealed class AdminCliTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(int Code, string Output)> RunAsync(TestApp app, params string[] args)
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
    public async Task AdminCreateWithPasswordMakesAnAdminWhoCanSignIn(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var (code, output) = await RunAsync(app, "admin", "create", "--email", "Chief@Example.test",
            "--password", "first-admin-password", "--name", "Leila Mansour");
        Assert.Equal(0, code);
        Assert.Contains("Created chief@example.test", output);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var user = await users.FindByEmailAsync("chief@example.test");
            Assert.NotNull(user);
            Assert.Equal("Leila Mansour", user.DisplayName);
            Assert.True(await users.IsInRoleAsync(user, Roles.Admin));
        }
        var client = app.CreateBrowserClient();
        var signIn = await client.PostFormAsync("/account/signin?handler=Password",
            new() { ["Email"] = "chief@example.test", ["Password"] = "first-admin-password" });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/mail", Ct)).StatusCode);

        var (listCode, list) = await RunAsync(app, "admin", "list");
        Assert.Equal(0, listCode);
        Assert.Contains("chief@example.test", list);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task AdminCreateWithoutPasswordPrintsAOneTimeLinkAndMailsIt(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await app.CreateUserAsync("promote@example.test");
        var (code, output) = await RunAsync(app, "admin", "create", "--email", "promote@example.test", "--role", "editor");
        Assert.Equal(0, code);
        Assert.Contains("Updated promote@example.test with role editor", output);

        var printed = output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("http://localhost/account/magic?token=", StringComparison.Ordinal));
        Assert.Equal(Mailbox.FindLink(await Mailbox.WaitForAsync(app.MailDirectory, "promote@example.test"), "/account/magic"), printed);

        var client = app.CreateBrowserClient();
        var used = await client.UseLinkAsync(Mailbox.PathAndQuery(printed));
        Assert.Equal("/admin", used.LocalLocation());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("admin", "create")]
    [InlineData("admin", "create", "--email", "not-an-address")]
    [InlineData("admin", "create", "--email", "bad@example.test", "--password", "short")]
    [InlineData("admin", "create", "--email", "bad@example.test", "--role", "owner")]
    [InlineData("admin", "create", "--email", "bad@example.test", "--colour", "red")]
    [InlineData("admin", "create", "--email")]
    [InlineData("admin", "frobnicate")]
    public async Task BadInputExitsWithCode2AndChangesNothing(params string[] args)
    {
        await using var app = await TestApp.StartAsync();
        var (code, output) = await RunAsync(app, args);
        Assert.Equal(Cli.BadInput, code);
        Assert.Contains("Usage:", output);
        Assert.Equal(0, await app.WithDbAsync(d => d.Users.CountAsync(Ct)));
        await app.DeliverQueuedAsync();
        Assert.Empty(Mailbox.All(app.MailDirectory));
        Assert.Equal(0, await app.WithDbAsync(d => d.Outbox.CountAsync(Ct)));
    }
}
