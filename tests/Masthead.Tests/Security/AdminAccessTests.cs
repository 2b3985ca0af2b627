using System.Net;
using Masthead.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.Security;

/// <summary>The access matrix for the staff admin: every /admin page, every role.</summary>
public sealed class AdminAccessTests
{
    [Theory, ClassData(typeof(Databases))]
    public async Task EveryAdminPageSendsAnonymousVisitorsToSignIn(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = app.CreateBrowserClient();
        var routes = EndpointCatalog.AdminRoutes(app);
        Assert.NotEmpty(routes);
        foreach (var route in routes)
        {
            var response = await client.GetAsync(route, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{route} answered {(int)response.StatusCode} to an anonymous visitor");
            Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery);
        }
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task EveryAdminPageRefusesReaders(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.SignedInClientAsync(Roles.Reader);
        foreach (var route in EndpointCatalog.AdminRoutes(app))
        {
            var response = await client.GetAsync(route, TestContext.Current.CancellationToken);
            var refused = response.StatusCode == HttpStatusCode.Forbidden
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/denied"));
            Assert.True(refused, $"{route} answered {(int)response.StatusCode} to a reader");
        }
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task EveryAdminPageOpensForAdminsAndForEditorsUnlessItIsForAdminsOnly(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var adminOnly = EndpointCatalog.AdminOnlyRoutes(app);
        Assert.Contains("/admin/mail", adminOnly);
        foreach (var role in new[] { Roles.Editor, Roles.Admin })
        {
            var client = await app.SignedInClientAsync(role);
            foreach (var route in EndpointCatalog.AdminRoutes(app))
            {
                var response = await client.GetAsync(route, TestContext.Current.CancellationToken);
                if (role == Roles.Editor && adminOnly.Contains(route))
                {
                    var denied = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/denied");
                    Assert.True(denied, $"{route} (admins only) answered {(int)response.StatusCode} to an editor");
                }
                else
                {
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route} answered {(int)response.StatusCode} to {role}");
                }
            }
        }
    }
}
