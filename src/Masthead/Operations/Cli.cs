using Spectre.Console;

namespace Masthead.Operations;

/// <summary>Command-line verbs of the same binary: `dotnet run --project src/Masthead -- admin create --email x`.
/// They run after migrations and before the host starts, so hosted services have not run: each verb
/// ensures what it needs (the roles) itself.</summary>
public static class Cli
{
    public const int Ok = 0;
    public const int BadInput = 2;
    private static readonly string[] Verbs = ["admin", "subscribers", "members", "delivery", "briefings", "search"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static Task<int> RunAsync(WebApplication app, string[] args) => RunAsync(app.Services, args, AnsiConsole.Console);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, IAnsiConsole console)
    {
        switch (args)
        {
            case ["admin", "create", .. var rest]:
                return await AdminCommands.CreateAsync(services, rest, console);
            case ["admin", "list", ..]:
                return await AdminCommands.ListAsync(services, console);
            case ["subscribers", "import", .. var rest]:
                return await Briefings.Import.SubscriberCommands.ImportAsync(services, rest, console);
            case ["subscribers", "export", .. var rest]:
                return await Briefings.Import.SubscriberCommands.ExportAsync(services, rest, console, Console.Out);
            case ["members", "export", .. var rest]:
                return await Billing.Admin.MemberCommands.ExportAsync(services, rest, console, Console.Out);
            case ["delivery", "drain"]:
                return await Delivery.Outbox.DeliveryCommands.DrainAsync(services, console);
            case ["briefings", "send", .. var rest]:
                return await Briefings.Editions.BriefingCommands.SendAsync(services, rest, console);
            case ["search", "rebuild"]:
                return await Content.Search.SearchCommands.RebuildAsync(services, console);
            default:
                console.MarkupLine("[red]Unknown command.[/]");
                PrintUsage(console);
                return BadInput;
        }
    }

    internal static void PrintUsage(IAnsiConsole console)
    {
        console.MarkupLine("Usage:");
        console.MarkupLine("  admin create [blue]--email[/] ADDRESS [[--password PASSWORD]] [[--name NAME]] [[--role admin|editor]]");
        console.MarkupLine("  admin list");
        console.MarkupLine("  subscribers import FILE [blue]--list[/] SLUG [[--list SLUG]] [[--confirmed]]");
        console.MarkupLine("  subscribers export [[--list SLUG]] [[--output FILE.csv]]   (CSV on stdout without --output)");
        console.MarkupLine("  members export [[--output FILE.csv]]                      (CSV on stdout without --output)");
        console.MarkupLine("  delivery drain                  send everything queued in the outbox, then exit");
        console.MarkupLine("  briefings send [blue]--edition[/] ID | [blue]--list[/] SLUG [[--timeout SECONDS]]");
        console.MarkupLine("  search rebuild                  re-index every published and scheduled article");
    }

    /// <summary>Runs an export verb: to the --output file, or to stdout without one. (`dotnet run` prints its own
    /// line on stdout when it uses a launch profile, hence the file.)</summary>
    internal static async Task<int> ExportAsync(IReadOnlyDictionary<string, string> options, IAnsiConsole console, TextWriter output,
        string noun, Func<TextWriter, Task<int>> export)
    {
        await using var file = options.TryGetValue("output", out var path) ? new StreamWriter(path) : null;
        var count = await export(file ?? output);
        if (file is not null) console.MarkupLineInterpolated($"Exported {count} {noun} to {path}.");
        await output.FlushAsync();
        return Ok;
    }

    /// <summary>Reads `--key value` pairs; null when an option is unknown, repeated or has no value.</summary>
    internal static Dictionary<string, string>? ParseOptions(string[] args, IReadOnlySet<string> allowed, out string? error)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var key = args[i];
            if (!key.StartsWith("--", StringComparison.Ordinal) || !allowed.Contains(key[2..]))
            {
                error = $"Unknown option '{key}'.";
                return null;
            }
            if (i + 1 >= args.Length)
            {
                error = $"Option '{key}' needs a value.";
                return null;
            }
            if (!options.TryAdd(key[2..], args[++i]))
            {
                error = $"Option '{key}' is given twice.";
                return null;
            }
        }
        return options;
    }
}
