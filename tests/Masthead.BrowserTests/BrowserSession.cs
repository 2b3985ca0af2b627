using Microsoft.Playwright;

namespace Masthead.BrowserTests;

/// <summary>Debian's Chromium driven by Playwright; never a downloaded browser. Tests skip when
/// Chromium is absent locally and fail when it is absent under CI=true.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    public IBrowser Browser { get; }

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("MASTHEAD_TEST_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public static async Task<BrowserSession> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"CI=true but Chromium is missing at {ChromiumPath}: browser tests must run in CI.");
            }
            Assert.Skip($"Chromium not found at {ChromiumPath} (apt-get install -y chromium; `.ci/run` installs it).");
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
        return new BrowserSession(playwright, browser);
    }

    public async Task<IPage> NewPageAsync(Uri baseUrl, int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = width, Height = height } });
        // Generous: the first request to each page compiles it, and CI machines are shared.
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>A new page signed in through the real form as <paramref name="email"/> (password
    /// <see cref="Masthead.Tests.Support.TestApp.TestPassword"/>), landed on <paramref name="path"/>.</summary>
    public async Task<IPage> SignedInPageAsync(Uri baseUrl, string email, string path, int width = 1280)
    {
        var page = await NewPageAsync(baseUrl, width);
        await page.GotoAsync("/account/signin?returnUrl=" + Uri.EscapeDataString(path));
        await SignInAsync(page, email);
        await page.WaitForURLAsync("**" + path);
        return page;
    }

    /// <summary>Fills in and sends the sign-in form the page shows.</summary>
    public static async Task SignInAsync(IPage page, string email)
    {
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Masthead.Tests.Support.TestApp.TestPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with password" }).ClickAsync();
    }

    /// <summary>Full-page screenshot kept as a test artifact under artifacts/screenshots.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var dir = Path.Combine(RepoRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Masthead.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}

/// <summary>One browser for every test of a class (an xunit class fixture), launched by the first test that asks,
/// so a skip for a missing Chromium still happens inside a test.</summary>
public sealed class SharedBrowser : IAsyncDisposable
{
    private BrowserSession? _session;

    public async Task<BrowserSession> GetAsync() => _session ??= await BrowserSession.LaunchAsync();

    public async ValueTask DisposeAsync()
    {
        if (_session is not null) await _session.DisposeAsync();
    }
}
