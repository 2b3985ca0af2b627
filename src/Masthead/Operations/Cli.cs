namespace Masthead.Operations;

/// <summary>Command-line verbs of the same binary: `dotnet run --project src/Masthead -- admin create --email x`.</summary>
public static class Cli
{
    private static readonly string[] Verbs = ["admin"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static Task<int> RunAsync(WebApplication app, string[] args) => Task.FromResult(0);
}
