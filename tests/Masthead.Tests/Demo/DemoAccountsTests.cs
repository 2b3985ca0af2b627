using Masthead.Accounts;
using Masthead.Demo;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Demo;

public sealed class DemoAccountsTests
{
    [Theory, ClassData(typeof(Databases))]
    public async Task DemoAccountsAreNotCreatedOutsideDevelopmentEvenWithDemoEnabled(Db db)
    {
        // TestApp runs in environment "Testing"; demo content is on, demo accounts must not be.
        await using var app = await TestApp.StartAsync(db, new() { ["Demo:Enabled"] = "true" });
        var emails = DemoAccounts.All.Select(a => a.Email.ToUpperInvariant()).ToArray();
        Assert.True(await app.WithDbAsync(d => d.Articles.AnyAsync()));
        Assert.False(await app.WithDbAsync(d => d.Users.AnyAsync(u => emails.Contains(u.NormalizedEmail!))));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task InDevelopmentDemoAccountsExistWithTheirRolesAndPublishedPasswords(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await ApplyAsync(app, isDevelopment: true);
        await ApplyAsync(app, isDevelopment: true); // idempotent

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        foreach (var account in DemoAccounts.All)
        {
            var user = await users.FindByEmailAsync(account.Email);
            Assert.NotNull(user);
            Assert.True(await users.CheckPasswordAsync(user, account.Password), account.Email);
            Assert.Equal([account.Role], await users.GetRolesAsync(user));
        }
        Assert.Equal(3, await users.Users.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task DemoAdminCanSignInThroughThePasswordFormInDevelopment(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await ApplyAsync(app, isDevelopment: true);
        var client = app.CreateBrowserClient();
        var response = await client.PostFormAsync("/account/signin?handler=Password",
            new() { ["Email"] = "admin@demo.masthead.local", ["Password"] = "masthead-demo-admin" });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task DemoAccountsLeftInTheDatabaseAreDisabledOutsideDevelopment(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await ApplyAsync(app, isDevelopment: true);
        await ApplyAsync(app, isDevelopment: false);

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        foreach (var account in DemoAccounts.All)
        {
            var user = await users.FindByEmailAsync(account.Email);
            Assert.NotNull(user);
            Assert.False(await users.CheckPasswordAsync(user, account.Password), account.Email);
            Assert.True(await users.IsLockedOutAsync(user), account.Email);
            Assert.False(await users.IsInRoleAsync(user, Roles.Admin));
            Assert.False(await users.IsInRoleAsync(user, Roles.Editor));
        }
    }

    private static async Task ApplyAsync(TestApp app, bool isDevelopment)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoAccounts>().ApplyAsync(isDevelopment);
    }
}
