using Spectre.Console;

namespace Masthead.Tests.Support;

/// <summary>A plain, wide, non-interactive console writing to <paramref name="writer"/>, for CLI verbs under test.</summary>
public static class TestConsole
{
    public static IAnsiConsole Create(StringWriter? writer = null)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer ?? new StringWriter()),
        });
        console.Profile.Width = 200;
        return console;
    }
}
