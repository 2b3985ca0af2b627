using System.CommandLine;
using System.CommandLine.Parsing;
using Spectre.Console;

namespace Masthead.Operations;

/// <summary>Runs a verb once the host is built: the services, the verb's own tokens (see <see cref="Verb.Tokens"/>)
/// and the console it reports on.</summary>
internal delegate Task<int> VerbHandler(IServiceProvider services, string[] args, IAnsiConsole console);

/// <summary>A leaf command of the CLI (`admin create`, `delivery drain`…): the options and arguments it declares,
/// for help and validation before anything is built, and the handler that runs it afterwards. Each feature declares
/// its verbs next to their handlers; <see cref="Cli"/> composes them.</summary>
internal sealed class Verb : Command
{
    public Verb(string name, string description, VerbHandler handler) : base(name, description)
    {
        Handler = handler;
        // Unmatched tokens are sorted by Cli.Read: configuration for the host, anything else an error.
        TreatUnmatchedTokensAsErrors = false;
    }

    public VerbHandler Handler { get; }

    /// <summary>The parsed arguments and options rebuilt as `VALUE… --name value…`, the shape the handlers read,
    /// whatever spelling the command line used (`--email=x`, `--email:x`, `--email x`). Flags appear by name only
    /// when set.</summary>
    public static string[] Tokens(CommandResult result)
    {
        var tokens = new List<string>();
        foreach (var argument in result.Children.OfType<ArgumentResult>())
        {
            tokens.AddRange(argument.Tokens.Select(t => t.Value));
        }
        foreach (var option in result.Children.OfType<OptionResult>().Where(o => !o.Implicit))
        {
            if (option.Option.ValueType == typeof(bool))
            {
                if (option.GetValueOrDefault<bool>()) tokens.Add(option.Option.Name);
                continue;
            }
            foreach (var token in option.Tokens) tokens.AddRange([option.Option.Name, token.Value]);
        }
        return [.. tokens];
    }
}

/// <summary>Shorthands for declaring a verb's options with the help text they show.</summary>
internal static class VerbOptions
{
    public static Option<string> Text(string name, string valueName, string description, bool required = false) =>
        new(name) { HelpName = valueName, Description = description, Required = required };

    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };
}
