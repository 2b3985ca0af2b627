using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Masthead.Tests.Operations;

/// <summary>The real binary (`dotnet Masthead.dll …`) as a child process, on a machine with no data folder: help
/// and mistakes are answered without building a host, so nothing is created and no server starts.</summary>
public sealed class BinaryCommandLineTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "masthead-cli-tests", Guid.NewGuid().ToString("n"));
    private string DataDirectory => Path.Combine(_root, "data");

    public BinaryCommandLineTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Theory]
    [InlineData(0, "--help")]
    [InlineData(0, "help")]
    [InlineData(0, "admin", "create", "--help")]
    [InlineData(0, "help", "briefings", "send")]
    [InlineData(2, "frobnicate")]
    [InlineData(2, "admin", "create", "--colour", "red")]
    public async Task HelpAndMistakesAreAnsweredWithoutADataFolderOrAServer(int exitCode, params string[] args)
    {
        var port = FreeLoopbackPort();
        var (code, output, error) = await RunAsync(port, args);
        Assert.Equal(exitCode, code);
        Assert.Contains("Usage:", exitCode == 0 ? output : error);
        if (args[0] is "--help" or "help" or "frobnicate" && args.Length == 1)
        {
            Assert.Contains("admin create --email <ADDRESS>", exitCode == 0 ? output : error);
            Assert.Contains("search rebuild", exitCode == 0 ? output : error);
        }
        Assert.False(Directory.Exists(DataDirectory), "the data folder was created");
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
        Assert.False(Listening(port), "a server is listening");
    }

    /// <summary>Runs the binary and waits for it to exit. A host that starts creates the data folder first, so seeing
    /// it ends the wait at once (the process is killed) instead of waiting for a server that never exits.</summary>
    private async Task<(int Code, string Output, string Error)> RunAsync(int port, string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = _root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Masthead.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_ENVIRONMENT"] = info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Storage__DataDirectory"] = DataDirectory;
        info.Environment["Database__Provider"] = "Sqlite";
        info.Environment["Site__BaseUrl"] = "http://localhost";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start Masthead.dll");
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var waited = Stopwatch.StartNew();
        while (!process.HasExited && !Directory.Exists(DataDirectory) && waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Fail($"Masthead.dll {string.Join(' ', args)} was still running after {waited.Elapsed.TotalSeconds:F0} s "
                + $"(data folder created: {Directory.Exists(DataDirectory)}): it started the host instead of answering");
        }
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool Listening(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
