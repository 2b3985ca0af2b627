using System.CommandLine;
using System.CommandLine.Parsing;
using Masthead.Briefings.Editions;
using Masthead.Briefings.Import;
using Masthead.Content.Search;
using Masthead.Delivery.Outbox;
using Spectre.Console;

namespace Masthead.Operations;

/// <summary>Command-line verbs of the same binary: `dotnet run --project src/Masthead -- admin create --email x`.
/// The command line is read before anything is built (<see cref="Read"/>): help, unknown verbs and bad options are
/// answered without a host, a database or a data folder. A verb runs after migrations and before the host starts,
/// so hosted services have not run: each verb ensures what it needs (the roles) itself.</summary>
public static class Cli
{
    public const int Ok = 0;
    public const int BadInput = 2;

    /// <summary>Every verb, grouped by feature. A new verb is a <see cref="Verb"/> declared next to its handler
    /// and added here.</summary>
    internal static RootCommand Root()
    {
        var root = new RootCommand(
            "Masthead: the reader site, the admin and the workers, or one of the verbs below. With no verb (or only " +
            "configuration such as --urls URL, --environment NAME, Database:Provider=Postgres or --Site:BaseUrl=URL) it runs the web site.")
        {
            AdminCommands.Verbs(),
            SubscriberCommands.Verbs(),
            Billing.Admin.MemberCommands.Verbs(),
            new Command("delivery", "The outbox of messages to send")
            {
                new Verb("drain", "Send everything queued in the outbox, then exit (rows deferred to later are left for the workers)",
                    (services, _, console) => DeliveryCommands.DrainAsync(services, console)),
            },
            BriefingCommands.Verbs(),
            SearchCommands.Verbs(),
        };
        // Help says "Masthead", whichever host runs the assembly (dotnet, the apphost, a test runner).
        root.HelpName = "Masthead";
        CliHelp.ListEveryVerb(root);
        return root;
    }

    /// <summary>Decides what the command line asks for, printing help or errors when it asks for nothing more.
    /// Builds nothing and touches no file.</summary>
    public static CliCommand Read(string[] args, TextWriter output, TextWriter error)
    {
        if (CommandLineShape.IsHostConfiguration(args)) return CliCommand.WebSite(args);
        var root = Root();
        var parsed = root.Parse(CommandLineShape.ForParser(args));
        // A verb leaves what it does not know unmatched: configuration for the host, or a mistake.
        var hostArgs = parsed.UnmatchedTokens.Where(CommandLineShape.IsConfiguration).ToArray();
        List<string> errors = parsed.CommandResult.Command == root
            ? [$"'{args[0]}' is not a verb."]
            : parsed.Errors.Select(e => e.Message)
                .Concat(parsed.UnmatchedTokens.Where(t => !CommandLineShape.IsConfiguration(t)).Select(t => $"Unrecognized argument '{t}'."))
                .ToList();
        // Help (and --version) wins over errors elsewhere on the line, as System.CommandLine's own invocation does.
        var answersItself = parsed.Action is { ClearsParseErrors: true };
        if (errors.Count > 0 && !answersItself)
        {
            foreach (var e in errors) error.WriteLine(e);
            error.WriteLine();
            // Then the help of the command that was being read.
            root.Parse([.. CommandPath(parsed.CommandResult), "--help"]).Invoke(new InvocationConfiguration { Output = error, Error = error });
            return CliCommand.Answered(BadInput);
        }
        if (parsed.CommandResult.Command is Verb verb && !answersItself)
        {
            return CliCommand.RunVerb(verb, Verb.Tokens(parsed.CommandResult), hostArgs);
        }
        // --help (of the root, a group such as `admin`, or a verb) or --version.
        var code = parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
        return CliCommand.Answered(code);
    }

    private static IEnumerable<string> CommandPath(CommandResult result) =>
        result.Parent is CommandResult parent ? [.. CommandPath(parent), result.Command.Name] : [];

    public static Task<int> RunAsync(WebApplication app, CliCommand command) =>
        command.Verb!.Handler(app.Services, command.VerbArgs, AnsiConsole.Console);

    /// <summary>Reads and runs a verb against services that already exist (tests, or a host built elsewhere).</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, IAnsiConsole console)
    {
        var writer = console.Profile.Out.Writer;
        var command = Read(args, writer, writer);
        if (command.ExitCode is { } answered) return answered;
        if (command.Verb is null)
        {
            console.MarkupLine("[red]Give a verb.[/]");
            PrintUsage(console);
            return BadInput;
        }
        return await command.Verb.Handler(services, command.VerbArgs, console);
    }

    /// <summary>Every verb on one line each, for handlers that refuse their input after parsing.</summary>
    internal static void PrintUsage(IAnsiConsole console)
    {
        console.WriteLine("Usage:");
        CliHelp.WriteVerbList(Root(), console.Profile.Out.Writer);
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

    /// <summary>Reads `--key value` pairs; null when an option is unknown, repeated or has no value. The parser has
    /// already checked the line against the verb's declaration; handlers read the tokens it rebuilt (see
    /// <see cref="Verb.Tokens"/>) with this.</summary>
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

/// <summary>What the command line asked for: the web site (with its configuration arguments), a verb, or nothing
/// more than what <see cref="Cli.Read"/> already printed (then <see cref="ExitCode"/> is set).</summary>
public sealed class CliCommand
{
    private CliCommand(int? exitCode, Verb? verb, string[] verbArgs, string[] hostArgs)
    {
        ExitCode = exitCode;
        Verb = verb;
        VerbArgs = verbArgs;
        HostArgs = hostArgs;
    }

    public int? ExitCode { get; }
    internal Verb? Verb { get; }
    internal string[] VerbArgs { get; }

    /// <summary>What the host's configuration reads: every argument for the web site, only the configuration
    /// arguments (`Key=Value`, `--Section:Key=Value`) for a verb.</summary>
    public string[] HostArgs { get; }

    public bool IsVerb => Verb is not null;

    internal static CliCommand WebSite(string[] args) => new(null, null, [], args);
    internal static CliCommand RunVerb(Verb verb, string[] verbArgs, string[] hostArgs) => new(null, verb, verbArgs, hostArgs);
    internal static CliCommand Answered(int code) => new(code, null, [], []);
}
