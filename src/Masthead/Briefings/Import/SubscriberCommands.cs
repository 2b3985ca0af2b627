using System.CommandLine;
using Masthead.Briefings.Catalog;
using Masthead.Data;
using Masthead.Operations;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Masthead.Briefings.Import;

/// <summary>`subscribers import FILE --list slug [--list slug2] [--confirmed] [--send-confirmation]` and
/// `subscribers export [--list slug] [--output file.csv]` (CSV on stdout without --output). They run before the host starts, so they seed the
/// default lists themselves.</summary>
public static class SubscriberCommands
{
    internal static Command Verbs() => new("subscribers", "Briefing subscribers as CSV")
    {
        new Verb("import", "Import subscribers from a CSV file: Masthead's own export, Ghost's or Substack's", ImportAsync)
        {
            new Argument<string>("FILE") { Description = "The CSV file to read" },
            new Option<string[]>("--list") { HelpName = "SLUG", Description = "A briefing to subscribe every row to; repeat for several" },
            VerbOptions.Flag("--confirmed", "The newsroom vouches that every address consented: rows the file leaves pending are imported as confirmed too"),
            VerbOptions.Flag("--send-confirmation", "Email a confirmation link to the addresses imported as pending (by default the import emails nobody)"),
        },
        new Verb("export", "Export subscribers as CSV, on standard output unless --output is given",
            (services, args, console) => ExportAsync(services, args, console, Console.Out))
        {
            VerbOptions.Text("--list", "SLUG", "Only the subscribers of this briefing"),
            VerbOptions.Text("--output", "FILE", "Write the CSV to this file"),
        },
    };

    public static async Task<int> ImportAsync(IServiceProvider services, string[] args, IAnsiConsole console)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            console.MarkupLine("[red]Give the CSV file to import.[/]");
            return Cli.BadInput;
        }
        var file = args[0];
        bool confirmed = false, sendConfirmation = false;
        var slugs = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--confirmed": confirmed = true; break;
                case "--send-confirmation": sendConfirmation = true; break;
                case "--list" when i + 1 < args.Length: slugs.Add(args[++i]); break;
                default:
                    console.MarkupLineInterpolated($"[red]Unknown option '{args[i]}'.[/]");
                    return Cli.BadInput;
            }
        }
        if (!File.Exists(file))
        {
            console.MarkupLineInterpolated($"[red]No such file: {file}[/]");
            return Cli.BadInput;
        }
        await BriefingCatalog.EnsureDefaultListsAsync(services);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        var ids = await db.BriefingLists.Where(l => slugs.Contains(l.Slug)).Select(l => new { l.Id, l.Slug }).ToListAsync();
        if (ids.Count != slugs.Distinct().Count())
        {
            var unknown = slugs.Except(ids.Select(x => x.Slug));
            console.MarkupLineInterpolated($"[red]Unknown briefing: {string.Join(", ", unknown)}[/]");
            return Cli.BadInput;
        }
        CsvReadResult read;
        using (var reader = new StreamReader(file)) read = SubscriberCsv.Read(reader);
        var importer = scope.ServiceProvider.GetRequiredService<SubscriberImporter>();
        ImportReport? report = null;
        await console.Progress().StartAsync(async ctx =>
        {
            var task = ctx.AddTask($"Importing {read.Rows.Count} rows ({read.Format})", maxValue: Math.Max(1, read.Rows.Count));
            var progress = new Progress<int>(n => task.Value = n);
            report = await importer.ImportAsync(read, new ImportOptions(ids.Select(x => x.Id).ToList(), confirmed, sendConfirmation),
                progress, CancellationToken.None);
            task.Value = task.MaxValue;
        });
        Print(console, report!);
        return Cli.Ok;
    }

    public static async Task<int> ExportAsync(IServiceProvider services, string[] args, IAnsiConsole console, TextWriter output)
    {
        var options = Cli.ParseOptions(args, new HashSet<string> { "list", "output" }, out var error);
        if (options is null)
        {
            console.MarkupLineInterpolated($"[red]{error}[/]");
            return Cli.BadInput;
        }
        await using var scope = services.CreateAsyncScope();
        var exporter = scope.ServiceProvider.GetRequiredService<SubscriberExporter>();
        try
        {
            return await Cli.ExportAsync(options, console, output, "subscribers",
                writer => exporter.ExportAsync(writer, options.GetValueOrDefault("list"), CancellationToken.None));
        }
        catch (ArgumentException e)
        {
            console.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return Cli.BadInput;
        }
    }

    private static void Print(IAnsiConsole console, ImportReport r)
    {
        foreach (var line in r.Summary()) console.MarkupLineInterpolated($"{line}");
        foreach (var p in r.Problems) console.MarkupLineInterpolated($"[yellow]Line {p.Line}:[/] {p.Message}");
    }
}
