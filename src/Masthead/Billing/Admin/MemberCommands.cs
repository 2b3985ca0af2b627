using Masthead.Operations;
using Spectre.Console;

namespace Masthead.Billing.Admin;

/// <summary>`members export [--output file.csv]`: every member, as /admin/members downloads them with no filter
/// (CSV on stdout without --output).</summary>
public static class MemberCommands
{
    internal static System.CommandLine.Command Verbs() => new("members", "PRO members as CSV")
    {
        new Verb("export", "Export every member as CSV, on standard output unless --output is given",
            (services, args, console) => ExportAsync(services, args, console, Console.Out))
        {
            VerbOptions.Text("--output", "FILE", "Write the CSV to this file"),
        },
    };

    public static async Task<int> ExportAsync(IServiceProvider services, string[] args, IAnsiConsole console, TextWriter output)
    {
        var options = Cli.ParseOptions(args, new HashSet<string> { "output" }, out var error);
        if (options is null)
        {
            console.MarkupLineInterpolated($"[red]{error}[/]");
            return Cli.BadInput;
        }
        await using var scope = services.CreateAsyncScope();
        var exporter = scope.ServiceProvider.GetRequiredService<MemberExporter>();
        return await Cli.ExportAsync(options, console, output, "members",
            writer => exporter.ExportAsync(writer, new MemberFilter(null, null, false, null, 1), CancellationToken.None));
    }
}
