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

    [Fact]
    public async Task TheDevelopmentErrorPageDoesNotEchoTheCookieOrAuthorizationHeader()
    {
        await using var app = await TestApp.StartAsync(settings: new() { ["environment"] = "Development" },
            services: s => s.AddTransient<IStartupFilter, ThrowingPathFilter>());
        var request = new HttpRequestMessage(HttpMethod.Get, BoomPath);
        request.Headers.Add("Cookie", "masthead.auth=COOKIE-SECRET-4f1c9a; other=COOKIE-SECOND-77b2");
        request.Headers.Add("Authorization", "Bearer BEARER-SECRET-0d3e");
        request.Headers.Add("Accept", "text/html");
        var response = await app.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("test failure", html); // the developer page, with its details
        Assert.Contains("[redacted]", html);
        Assert.DoesNotContain("COOKIE-SECRET", html);
        Assert.DoesNotContain("COOKIE-SECOND", html);
        Assert.DoesNotContain("BEARER-SECRET", html);
    }
}
