using System.Net;
using Masthead.Tests.Support;

namespace Masthead.Tests.Site;

public sealed class SiteTests
{
    [Theory, ClassData(typeof(Databases))]
    public async Task HealthEndpointReportsHealthyDatabase(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = app.CreateBrowserClient();
        var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
