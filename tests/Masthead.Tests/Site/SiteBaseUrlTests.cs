using System.Diagnostics;
using System.Net;
using Masthead.Site;
using Microsoft.Extensions.Configuration;

namespace Masthead.Tests.Site;

/// <summary>Site:BaseUrl, which every absolute link is built from: taken from the listening address in Development
/// when unset, required anywhere else. Both run the real binary, as `dotnet run` would.</summary>
public sealed class SiteBaseUrlTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InDevelopmentWithoutABaseUrlEveryLinkUsesTheAddressTheSiteListensOn()
    {
        var port = FreePort();
        var root = $"http://127.0.0.1:{port}";
        using var data = new TempFolder();
        var log = new System.Text.StringBuilder();
        using var child = Start(data.Path, "Development", "--urls", root);
        child.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        child.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = new Uri(root) };
        try
        {
            await WaitUntilUpAsync(http, child);

        var feed = await http.GetStringAsync("/feed.xml", Ct);
        Assert.Contains($"<link>{root}/</link>", feed);
        Assert.DoesNotContain("localhost:5000", feed);
        Assert.Contains($"Sitemap: {root}/sitemap.xml", await http.GetStringAsync("/robots.txt", Ct));
            Assert.DoesNotContain("localhost:5000", await http.GetStringAsync("/", Ct));
            var said = $"Site:BaseUrl is not set: links in emails, feeds and sitemaps use {root}";
            for (var wait = 0; wait < 40 && !Said(log, said); wait++) await Task.Delay(250, Ct);
            Assert.True(Said(log, said), "the start-up log does not say which address links use");
        }
        finally
        {
            child.Kill(entireProcessTree: true);
        }

        static bool Said(System.Text.StringBuilder log, string text) { lock (log) return log.ToString().Contains(text, StringComparison.Ordinal); }
    }

    [Fact]
    public async Task OutsideDevelopmentTheSiteRefusesToStartWithoutABaseUrlAndSaysWhy()
    {
        using var data = new TempFolder();
        using var child = Start(data.Path, "Production", "--urls", $"http://127.0.0.1:{FreePort()}");
        var output = child.StandardOutput.ReadToEndAsync(Ct);
        var errors = child.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        await child.WaitForExitAsync(timeout.Token);
        Assert.NotEqual(0, child.ExitCode);
        Assert.Contains("Site:BaseUrl is not set", await output + await errors);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5055", "http://127.0.0.1:5055")]
    [InlineData("http://*:5055", "http://localhost:5055")]
    [InlineData("http://+:5055;https://+:5056", "http://localhost:5055")]
    [InlineData("http://0.0.0.0:8080/", "http://localhost:8080")]
    [InlineData("http://[::]:8080", "http://localhost:8080")]
    [InlineData(null, "http://localhost:5000")]
    public void TheListeningAddressIsReadAsABrowserOnThisMachineWouldReachIt(string? urls, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls }).Build();
        Assert.Equal(expected, SiteBaseUrl.FromConfiguration(configuration));
    }

    [Fact]
    public void KestrelEndpointsCountWhenNoUrlsAreGiven()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:6060",
        }).Build();
        Assert.Equal("http://127.0.0.1:6060", SiteBaseUrl.FromConfiguration(configuration));
    }

    private static Process Start(string dataDirectory, string environment, params string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Masthead.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        var env = info.Environment;
        env["DOTNET_ENVIRONMENT"] = env["ASPNETCORE_ENVIRONMENT"] = environment;
        env["Storage__DataDirectory"] = dataDirectory;
        env["Database__Provider"] = "Sqlite";
        env["Demo__Enabled"] = "false";
        env["Delivery__Enabled"] = "false";
        env["Mail__AllowPickupInProduction"] = "true";
        env["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Warning";
        env.Remove("Site__BaseUrl");
        env.Remove("ASPNETCORE_URLS");
        return Process.Start(info)!;
    }

    private static async Task WaitUntilUpAsync(HttpClient http, Process child)
    {
        for (var attempt = 0; attempt < 240; attempt++)
        {
            if (child.HasExited) Assert.Fail($"the site exited with {child.ExitCode}");
            try
            {
                if ((await http.GetAsync("/healthz", Ct)).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(250, Ct);
        }
        Assert.Fail("the site did not answer within a minute");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "masthead-tests", Guid.NewGuid().ToString("n"))).FullName;

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
