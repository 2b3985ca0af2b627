using System.Net;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Site;

public sealed class SiteErrorPageTests
{
    private const string BoomPath = "/test-only/boom";

    /// <summary>Adds, after the app's own pipeline, a path that throws: requests reach it only when no
    /// endpoint matched, and the app's exception handler upstream has to deal with it.</summary>
    private sealed class ThrowingPathFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext ctx, RequestDelegate nxt) =>
                ctx.Request.Path == BoomPath ? throw new InvalidOperationException("test failure") : nxt(ctx));
        };
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task UnhandledErrorGetsAServerErrorPageWithoutDetails(Db db)
    {
        await using var app = await TestApp.StartAsync(db, services: s => s.AddTransient<IStartupFilter, ThrowingPathFilter>());
        var response = await app.CreateBrowserClient().GetAsync(BoomPath, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("<h1>Something went wrong</h1>", html);
        Assert.Contains("href=\"/\"", html);
        Assert.DoesNotContain("test failure", html);
        Assert.DoesNotContain("InvalidOperationException", html);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }
}
