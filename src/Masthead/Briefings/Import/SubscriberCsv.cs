using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Masthead.Accounts;
using Masthead.Site;

namespace Masthead.Briefings.Import;

public enum CsvFormat { Masthead, Ghost, Substack }

/// <summary>One importable row; <paramref name="Line"/> is the physical line in the file (header = 1).</summary>
public sealed record ImportRow(int Line, string Email, string? Name, IReadOnlyList<string> ListSlugs, bool? Confirmed, DateTime? CreatedAt);

public sealed record ImportProblem(int Line, string Message);

public sealed record CsvReadResult(CsvFormat Format, IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportProblem> Problems, int Skipped);

/// <summary>Reads subscriber CSV in three shapes, told apart by the header:
/// ours (email,name,lists,status,created_at), a Ghost members export (…subscribed_to_emails…deleted_at…),
/// and a Substack subscriber export (email,active_subscription,…,email_disabled,created_at). Rows whose
/// format says the person does not want email are skipped; a bad row is reported by line and the rest read on.</summary>
public static class SubscriberCsv
{
    public static readonly string[] Header = ["email", "name", "lists", "status", "created_at"];

    public static CsvReadResult Read(TextReader text)
    {
        var problems = new List<ImportProblem>();
        var rows = new List<ImportRow>();
        var skipped = 0;
        var badLine = 0;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(),
            MissingFieldFound = null,
            HeaderValidated = null,
            DetectDelimiter = false,
            TrimOptions = TrimOptions.Trim,
            BadDataFound = a => badLine = a.Context.Parser?.RawRow ?? 0,
        };
        using var csv = new CsvReader(text, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            return new CsvReadResult(CsvFormat.Masthead, [], [new ImportProblem(1, "The file is empty.")], 0);
        }
        var columns = header.Select(h => h.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        if (!columns.Contains("email"))
        {
            return new CsvReadResult(CsvFormat.Masthead, [], [new ImportProblem(1, "The header has no 'email' column.")], 0);
        }
        var format = columns.Contains("subscribed_to_emails") ? CsvFormat.Ghost
            : columns.Contains("email_disabled") || columns.Contains("active_subscription") ? CsvFormat.Substack
            : CsvFormat.Masthead;

        while (true)
        {
            bool more;
            try { more = csv.Read(); }
            catch (CsvHelperException e)
            {
                problems.Add(new ImportProblem(e.Context?.Parser?.RawRow ?? 0, "The line could not be read as CSV."));
                break;
            }
            if (!more) break;
            var line = (int)csv.Parser.RawRow;
            if (badLine == line)
            {
                problems.Add(new ImportProblem(line, "The line has a stray quote and could not be read."));
                continue;
            }
            // Our exports prefix a cell that would run as a spreadsheet formula with a quote (SafeCsv); undo it.
            var field = (string name) => columns.Contains(name) ? SafeCsv.Unescape(csv.GetField(name)) : null;
            var rawEmail = field("email");
            if (string.IsNullOrWhiteSpace(rawEmail) && csv.Parser.Record is { } r && r.All(string.IsNullOrWhiteSpace)) continue;
            if (Wanted(format, field) is false)
            {
                skipped++;
                continue;
            }
            var email = EmailAddresses.Normalize(rawEmail);
            if (email is null)
            {
                problems.Add(new ImportProblem(line, $"'{Shorten(rawEmail)}' is not a valid email address."));
                continue;
            }
            var created = field("created_at");
            DateTime? createdAt = null;
            if (!string.IsNullOrWhiteSpace(created))
            {
                if (!DateTime.TryParse(created, CultureInfo.InvariantCulture,
                        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    problems.Add(new ImportProblem(line, $"'{Shorten(created)}' is not a date (created_at)."));
                    continue;
                }
                createdAt = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
            }
            var name = format == CsvFormat.Substack ? null : Subscribing.SignupInput.CleanName(field("name"));
            var lists = format == CsvFormat.Masthead
                ? (field("lists") ?? "").Split([' ', ';', ','], StringSplitOptions.RemoveEmptyEntries)
                : [];
            bool? confirmed = format == CsvFormat.Masthead && field("status") is { Length: > 0 } st
                ? st.Equals("active", StringComparison.OrdinalIgnoreCase) : null;
            rows.Add(new ImportRow(line, email, name, lists, confirmed, createdAt));
        }
        return new CsvReadResult(format, rows, problems, skipped);
    }

    /// <summary>False when the export itself says this person does not want email.</summary>
    private static bool Wanted(CsvFormat format, Func<string, string?> field) => format switch
    {
        CsvFormat.Ghost => !IsFalse(field("subscribed_to_emails")) && string.IsNullOrWhiteSpace(field("deleted_at")),
        CsvFormat.Substack => !IsTrue(field("email_disabled")),
        _ => field("status")?.Trim().ToLowerInvariant() is not ("unsubscribed" or "suppressed"),
    };

    private static bool IsTrue(string? v) => v?.Trim().ToLowerInvariant() is "true" or "1" or "yes";
    private static bool IsFalse(string? v) => v?.Trim().ToLowerInvariant() is "false" or "0" or "no";

    private static string Shorten(string? v) => v is null ? "" : v.Length > 60 ? v[..60] + "…" : v;
}
