using System.Text.RegularExpressions;

namespace Masthead.Operations;

/// <summary>Tells the web site's command line from a verb's before anything is parsed. The web site takes ASP.NET
/// configuration arguments (`--urls URL`, `--environment NAME`, `/key value`, `Key=Value`, `--Section:Key=Value`),
/// so a first argument shaped like one of those starts it, as it always did; a first word is a verb (or `help`).</summary>
internal static partial class CommandLineShape
{
    private static readonly string[] HelpAliases = ["--help", "-h", "-?", "/h", "/?"];

    public static bool IsHostConfiguration(string[] args) =>
        args.Length == 0
        || (args[0] != "--version" && (args[0].StartsWith('-') || args[0].StartsWith('/') || args[0].Contains('='))
            && !args.Any(IsHelp));

    /// <summary>What the parser reads: `help VERB…` is `VERB… --help`, and help asked for among the web site's
    /// configuration is the root's help.</summary>
    public static string[] ForParser(string[] args) => args switch
    {
        ["help", .. var rest] => [.. rest, "--help"],
        [var first, ..] when !IsHelp(first) && first != "--version" && (first.StartsWith('-') || first.StartsWith('/') || first.Contains('=')) => ["--help"],
        _ => args,
    };

    /// <summary>`Key=Value`, or `--Section:Key=Value` with a section: configuration a verb hands to the host
    /// (an unknown `--option=value` without a section stays a mistake).</summary>
    public static bool IsConfiguration(string token) => Configuration().IsMatch(token);

    private static bool IsHelp(string token) => HelpAliases.Contains(token);

    [GeneratedRegex(@"^([A-Za-z][\w.]*(:[\w.]+)*|(--|/)[A-Za-z][\w.]*(:[\w.]+)+)=")]
    private static partial Regex Configuration();
}
