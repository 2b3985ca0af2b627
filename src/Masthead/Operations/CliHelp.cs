using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Masthead.Operations;

/// <summary>Help text. Each command's `--help` is System.CommandLine's (usage, arguments, options with their
/// descriptions, subcommands); the root's adds every verb with all its options, so one `--help` shows the whole CLI.</summary>
internal static class CliHelp
{
    /// <summary>Makes the root's `--help` end with every verb and its options.</summary>
    public static void ListEveryVerb(RootCommand root)
    {
        var option = root.Options.OfType<HelpOption>().Single();
        option.Action = new RootHelpAction((HelpAction)option.Action!, root);
    }

    public static void WriteVerbList(RootCommand root, TextWriter output)
    {
        foreach (var (path, verb) in Verbs(root, ""))
        {
            output.WriteLine($"  {path}{Usage(verb)}");
            output.WriteLine($"      {verb.Description}");
        }
    }

    private static void WriteVerbSection(RootCommand root, TextWriter output)
    {
        output.WriteLine("Verbs:");
        WriteVerbList(root, output);
        output.WriteLine();
        output.WriteLine("Each verb's --help (e.g. admin create --help) says what its options mean. Exit codes: 0 done, 2 bad input.");
    }

    private static IEnumerable<(string Path, Verb Verb)> Verbs(Command command, string prefix)
    {
        foreach (var sub in command.Subcommands)
        {
            var path = prefix + sub.Name;
            if (sub is Verb verb) yield return (path, verb);
            foreach (var nested in Verbs(sub, path + " ")) yield return nested;
        }
    }

    private static string Usage(Verb verb)
    {
        var parts = verb.Arguments.Select(a => $" <{a.HelpName ?? a.Name}>")
            .Concat(verb.Options.Where(o => !o.Hidden && o is not HelpOption && o is not VersionOption)
                .Select(o => o.Required ? $" {Label(o)}" : $" [{Label(o)}]"));
        return string.Concat(parts);

        static string Label(Option o) => o.ValueType == typeof(bool) ? o.Name
            : o.ValueType.IsArray ? $"{o.Name} <{o.HelpName}>…" : $"{o.Name} <{o.HelpName}>";
    }

    private sealed class RootHelpAction(HelpAction help, RootCommand root) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var code = help.Invoke(parseResult);
            if (parseResult.CommandResult.Command == root) WriteVerbSection(root, parseResult.InvocationConfiguration.Output);
            return code;
        }
    }
}
