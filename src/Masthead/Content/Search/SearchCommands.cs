using System.CommandLine;
using Masthead.Operations;
using Spectre.Console;

namespace Masthead.Content.Search;

/// <summary>`search rebuild`: empties the index and indexes every published or scheduled article again,
/// e.g. after restoring a database or changing how documents are built.</summary>
internal static class SearchCommands
{
    internal static Command Verbs() => new("search", "The full-text search index")
    {
        new Verb("rebuild", "Empty the index and index every published and scheduled article again",
            (services, _, console) => RebuildAsync(services, console)),
    };

    public static async Task<int> RebuildAsync(IServiceProvider services, IAnsiConsole console)
    {
        await using var scope = services.CreateAsyncScope();
        var index = scope.ServiceProvider.GetRequiredService<ISearchIndex>();
        var indexed = 0;
        await console.Progress().StartAsync(async ctx =>
        {
            var task = ctx.AddTask("Indexing articles", maxValue: 1);
            indexed = await index.RebuildAsync((done, total) =>
            {
                task.MaxValue = Math.Max(total, 1);
                task.Value = done;
            }, CancellationToken.None);
            task.Value = task.MaxValue;
        });
        console.MarkupLine($"[green]Indexed {indexed} article(s).[/]");
        return Cli.Ok;
    }
}
