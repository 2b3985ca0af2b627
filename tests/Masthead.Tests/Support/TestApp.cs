using System.Net;
using System.Text.RegularExpressions;
using Masthead.Accounts;
using Masthead.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Masthead.Tests.Support;

public enum Db { Sqlite, Postgres }

/// <summary>Theory data: every integration test that touches the database runs on both providers.</summary>
public sealed class Databases : TheoryData<Db>
{
    public Databases() { Add(Db.Sqlite); Add(Db.Postgres); }
}

/// <summary>One app per test: its own data folder, its own database, a fake clock, mail in its own
/// pickup folder. Nothing is shared between tests.</summary>
public sealed partial class TestApp : WebApplicationFactory<Program>
{
    private readonly Db _db;
    private readonly string? _postgresConnection;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private int? _kestrelPort;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "masthead-tests", Guid.NewGuid().ToString("n"));
    public string MailDirectory => Path.Combine(DataDirectory, "mail");
    public Db Database => _db;
    /// <summary>This test's own PostgreSQL database (null on SQLite), for a child process of the app.</summary>
    public string? PostgresConnection => _postgresConnection;

    private TestApp(Db db, string? postgresConnection, Dictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        _db = db;
        _postgresConnection = postgresConnection;
        _settings = settings;
        _services = services;
    }

    /// <summary>Starts an app on the given provider. PostgreSQL tests skip when no server is configured
    /// (MASTHEAD_TEST_POSTGRES), except under CI=true where a missing server is a failure.</summary>
    public static async Task<TestApp> StartAsync(Db db = Db.Sqlite, Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        string? connection = null;
        if (db == Db.Postgres) connection = await PostgresDatabases.CreateAsync();
        var app = new TestApp(db, connection, settings ?? [], services);
        try
        {
            _ = app.Server; // build and start the host now, so migrations run before the test
        }
        catch
        {
            await app.DisposeAsync(); // a start that fails on purpose (options validation) leaves no database behind
            throw;
        }
        return app;
    }

    /// <summary>Starts the app on a real Kestrel port on 127.0.0.1, for a browser. Site:BaseUrl is that
    /// address, so links in emails lead back to this app.</summary>
    public static async Task<TestApp> StartOnKestrelAsync(Dictionary<string, string?>? settings = null, Db db = Db.Sqlite,
        Action<IServiceCollection>? services = null)
    {
        var connection = db == Db.Postgres ? await PostgresDatabases.CreateAsync() : null;
        var port = FreeLoopbackPort();
        var all = new Dictionary<string, string?>(settings ?? []) { ["Site:BaseUrl"] = $"http://127.0.0.1:{port}" };
        var app = new TestApp(db, connection, all, services) { _kestrelPort = port };
        app.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        app.StartServer();
        return app;
    }

    public Uri RootUri => new(_kestrelPort is { } p ? $"http://127.0.0.1:{p}/" : "http://localhost/");

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Serve wwwroot from the project as Development does, so pages in the browser tests are styled.
        builder.UseStaticWebAssets();
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Database:Provider", _db.ToString());
        if (_postgresConnection is not null) builder.UseSetting("Database:ConnectionString", _postgresConnection);
        builder.UseSetting("Site:BaseUrl", "http://localhost");
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("Site:OutputCacheSeconds", "0");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(Time);
            _services?.Invoke(s);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgresConnection is not null) await PostgresDatabases.DropAsync(_postgresConnection);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>A client that keeps cookies and does not follow redirects, like a careful browser.</summary>
    public HttpClient CreateBrowserClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<T> WithDbAsync<T>(Func<MastheadDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<MastheadDb>());
    }

    public async Task WithDbAsync(Func<MastheadDb, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<MastheadDb>());
    }

    public const string TestPassword = "correct-horse-battery";

    /// <summary>Creates an account with a password; role null means a plain reader.</summary>
    public async Task<User> CreateUserAsync(string email, string? role = null, string password = TestPassword)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var user = new User { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = Time.GetUtcNow().UtcDateTime };
        Check(await users.CreateAsync(user, password));
        role ??= Roles.Reader;
        if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)));
        Check(await users.AddToRoleAsync(user, role));
        return user;

        static void Check(IdentityResult r)
        {
            if (!r.Succeeded) throw new InvalidOperationException(string.Join("; ", r.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>A cookie-holding client signed in through the real password form.</summary>
    public async Task<HttpClient> SignedInClientAsync(string? role = null, string? email = null)
    {
        email ??= $"{role ?? "reader"}-{Guid.NewGuid():n}@example.test";
        await CreateUserAsync(email, role);
        var client = CreateBrowserClient();
        var response = await client.PostFormAsync("/account/signin?handler=Password",
            new() { ["Email"] = email, ["Password"] = TestPassword });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in failed: {(int)response.StatusCode}");
        }
        return client;
    }
}

public static partial class HttpClientForms
{
    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();

    /// <summary>The antiforgery token from a page's form, as a browser would submit it.</summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string pageUrl)
    {
        var html = await client.GetStringAsync(pageUrl);
        var match = TokenRegex().Match(html);
        if (!match.Success) throw new InvalidOperationException($"no antiforgery token on {pageUrl}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Posts a form with the antiforgery token read from <paramref name="formPage"/>
    /// (defaults to the post URL without its query).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url,
        Dictionary<string, string> fields, string? formPage = null)
    {
        var token = await client.AntiforgeryTokenAsync(formPage ?? url.Split('?')[0]);
        var all = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", token) };
        return await client.PostAsync(url, new FormUrlEncodedContent(all));
    }

    /// <summary>Posts a form without any antiforgery token: what a cross-site attacker can send.</summary>
    public static Task<HttpResponseMessage> PostFormWithoutTokenAsync(this HttpClient client, string url,
        Dictionary<string, string> fields) => client.PostAsync(url, new FormUrlEncodedContent(fields));
}
