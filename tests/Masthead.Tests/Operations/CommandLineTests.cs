using Masthead.Operations;

namespace Masthead.Tests.Operations;

/// <summary>Reading the command line (<see cref="Cli.Read"/>), which happens before any host exists.</summary>
public sealed class CommandLineTests
{
    /// <summary>Every verb and the options it takes: what the help must show.</summary>
    private static readonly (string Verb, string[] Options)[] All =
    [
        ("admin create", ["--email", "--password", "--name", "--role"]),
        ("admin list", []),
        ("subscribers import", ["<FILE>", "--list", "--confirmed", "--send-confirmation"]),
        ("subscribers export", ["--list", "--output"]),
        ("delivery drain", []),
        ("briefings send", ["--edition", "--list", "--timeout"]),
        ("search rebuild", []),
    ];

    public static TheoryData<string, string[]> Verbs()
    {
        var data = new TheoryData<string, string[]>();
        foreach (var (verb, options) in All) data.Add(verb, options);
        return data;
    }

    private static (CliCommand Command, string Output, string Error) Read(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var command = Cli.Read(args, output, error);
        return (command, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    [InlineData("--urls", "http://127.0.0.1:5000", "--help")]
    public void HelpListsEveryVerbWithItsOptionsAndExitsWithZero(params string[] args)
    {
        var (command, output, error) = Read(args);
        Assert.Equal(Cli.Ok, command.ExitCode);
        Assert.Equal("", error);
        foreach (var (name, options) in All)
        {
            var line = Assert.Single(output.Split('\n'), l => l.TrimStart().StartsWith(name + " ", StringComparison.Ordinal) || l.Trim() == name);
            foreach (var option in options) Assert.Contains(option, line);
        }
    }

    [Theory, MemberData(nameof(Verbs))]
    public void EachVerbsHelpDescribesEveryOptionAndExitsWithZero(string verb, string[] options)
    {
        var (command, output, _) = Read([.. verb.Split(' '), "--help"]);
        Assert.Equal(Cli.Ok, command.ExitCode);
        Assert.Contains($"Masthead {verb}", output);
        var lines = output.Split('\n');
        foreach (var option in options)
        {
            // The option's line carries a description after its name.
            var line = Assert.Single(lines, l => l.TrimStart().StartsWith(option, StringComparison.Ordinal));
            Assert.Matches(@"\S\s{2,}\w", line.Trim());
        }
        Assert.Equal(output, Read(["help", .. verb.Split(' ')]).Output);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("subscribers")]
    [InlineData("delivery")]
    [InlineData("briefings")]
    [InlineData("search")]
    public void EachGroupsHelpListsItsVerbs(string group)
    {
        var (command, output, _) = Read(group, "--help");
        Assert.Equal(Cli.Ok, command.ExitCode);
        foreach (var verb in All.Select(v => v.Verb).Where(v => v.StartsWith(group + " ", StringComparison.Ordinal)))
        {
            Assert.Contains(verb.Split(' ')[1], output);
        }
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("hepl")]
    [InlineData("serve", "--urls", "http://127.0.0.1:5000")]
    public void AnUnknownVerbIsAnErrorWithCode2AndTheListOfVerbs(params string[] args)
    {
        var (command, output, error) = Read(args);
        Assert.Equal(Cli.BadInput, command.ExitCode);
        Assert.False(command.IsVerb);
        Assert.Contains($"'{args[0]}' is not a verb.", error);
        foreach (var (verb, _) in All) Assert.Contains(verb, error);
        Assert.Equal("", output);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("admin", "create")]
    [InlineData("admin", "create", "--email")]
    [InlineData("admin", "create", "--email", "a@example.test", "--colour", "red")]
    [InlineData("admin", "list", "extra")]
    [InlineData("briefings", "send", "--edition", "twelve")]
    [InlineData("subscribers", "import")]
    [InlineData("subscribers", "export", "--list", "a", "--list", "b")]
    public void BadOptionsAreAnErrorWithCode2AndTheVerbsHelp(params string[] args)
    {
        var (command, _, error) = Read(args);
        Assert.Equal(Cli.BadInput, command.ExitCode);
        Assert.False(command.IsVerb);
        Assert.Contains("Usage:", error);
        Assert.Contains($"Masthead {string.Join(' ', args.Take(2).Where(a => !a.StartsWith('-')))}", error);
    }

    [Theory]
    [InlineData]
    [InlineData("--urls", "http://127.0.0.1:5000")]
    [InlineData("--environment", "Production")]
    [InlineData("Database:Provider=Postgres")]
    [InlineData("--Site:BaseUrl=https://ledger.example")]
    [InlineData("/urls", "http://127.0.0.1:5000")]
    public void NoVerbOrOnlyConfigurationRunsTheWebSiteWithEveryArgument(params string[] args)
    {
        var (command, output, error) = Read(args);
        Assert.Null(command.ExitCode);
        Assert.False(command.IsVerb);
        Assert.Equal(args, command.HostArgs);
        Assert.Equal("", output + error);
    }

    [Fact]
    public void AVerbHandsConfigurationArgumentsToTheHostAndItsOwnTokensToItsHandler()
    {
        var (command, _, error) = Read("admin", "create", "--email=chief@example.test", "Database:Provider=Postgres",
            "--name", "Leila Mansour", "--Site:BaseUrl=https://ledger.example");
        Assert.Equal("", error);
        Assert.Null(command.ExitCode);
        Assert.True(command.IsVerb);
        Assert.Equal(["Database:Provider=Postgres", "--Site:BaseUrl=https://ledger.example"], command.HostArgs);
        Assert.Equal(["--email", "chief@example.test", "--name", "Leila Mansour"], command.VerbArgs);
    }

    [Fact]
    public void RepeatedListsAndFlagsReachTheImportHandlerAsItReadsThem()
    {
        var (command, _, error) = Read("subscribers", "import", "people.csv", "--list", "gulf-briefing", "--confirmed", "--list", "daily-briefing");
        Assert.Equal("", error);
        Assert.Equal(["people.csv", "--list", "gulf-briefing", "--list", "daily-briefing", "--confirmed"], command.VerbArgs);
    }
}
