using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Masthead.Accounts;
using Masthead.Site;

namespace Masthead.Briefings.Import;

public enum CsvFormat { Masthead, Ghost, Substack }

/// <summary>What the file says about an address. <see cref="Unknown"/>: the file does not say (a bare list of
/// addresses), which the import treats as <see cref="Pending"/> unless the newsroom vouches for it.</summary>
public enum RowStatus { Unknown, Confirmed, Pending, Unsubscribed, Suppressed }

/// <summary>One importable row; <paramref name="Line"/> is the physical line in the file (header = 1).
/// <paramref name="CreatedAt"/> is the sign-up date on the platform the file comes from.</summary>
public sealed record ImportRow(int Line, string Email, string? Name, IReadOnlyList<string> ListSlugs, RowStatus Status, DateTime? CreatedAt);

/// <summary>A row not imported (or, with <paramref name="Skipped"/> false, imported in part), by its line.</summary>
public sealed record ImportProblem(int Line, string Message, bool Skipped = true);

public sealed record CsvReadResult(CsvFormat Format, IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportProblem> Problems);

/// <summary>Reads subscriber CSV in three shapes, told apart by the header:
/// ours (email,name,lists,status,created_at), a Ghost members export (…subscribed_to_emails…deleted_at…),
/// and a Substack subscriber export (email,active_subscription,…,email_disabled,created_at). Every row keeps
/// what its platform says about it (<see cref="RowStatus"/>): people who stopped email there are read as
/// unsubscribed, not dropped. A bad row is reported by line and the rest read on.</summary>
public static class SubscriberCsv
{
    public static readonly string[] Header = ["email", "name", "lists", "status", "created_at"];

    public static CsvReadResult Read(TextReader text)
    {
        var problems = new List<ImportProblem>();
        var rows = new List<ImportRow>();
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
            return new CsvReadResult(CsvFormat.Masthead, [], [new ImportProblem(1, "The file is empty.")]);
        }
        var columns = header.Select(h => h.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        if (!columns.Contains("email"))
        {
            return new CsvReadResult(CsvFormat.Masthead, [], [new ImportProblem(1, "The header has no 'email' column.")]);
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
            if (format == CsvFormat.Ghost && field("deleted_at") is { Length: > 0 })
            {
                // Ghost deleted the member: they are no longer anyone's subscriber there, so there is nobody to keep.
                problems.Add(new ImportProblem(line, "The member was deleted in Ghost; not imported."));
                continue;
            }
            if (StatusOf(format, field) is not { } status)
            {
                problems.Add(new ImportProblem(line, $"'{Shorten(field("status"))}' is not a status (active, pending, unsubscribed, suppressed)."));
                continue;
            }
            rows.Add(new ImportRow(line, email, name, lists, status, createdAt));
        }
        return new CsvReadResult(format, rows, problems);
    }

    /// <summary>Ghost: a member with subscribed_to_emails signed up by a magic link, which proved the address, and
    /// gets the newsletter. Substack: everyone in the export is on the email list unless email_disabled
    /// (active_subscription is about the paid plan, not about email). Ours: the status column as exported.</summary>
    private static RowStatus? StatusOf(CsvFormat format, Func<string, string?> field) => format switch
    {
        CsvFormat.Ghost => IsFalse(field("subscribed_to_emails")) ? RowStatus.Unsubscribed
            : IsTrue(field("subscribed_to_emails")) ? RowStatus.Confirmed : RowStatus.Unknown,
        CsvFormat.Substack => IsTrue(field("email_disabled")) ? RowStatus.Unsubscribed : RowStatus.Confirmed,
        _ => field("status")?.Trim().ToLowerInvariant() switch
        {
            null or "" => RowStatus.Unknown,
            "active" => RowStatus.Confirmed,
            "pending" => RowStatus.Pending,
            "unsubscribed" => RowStatus.Unsubscribed,
            "suppressed" => RowStatus.Suppressed,
            _ => null,
        },
    };

    private static bool IsTrue(string? v) => v?.Trim().ToLowerInvariant() is "true" or "1" or "yes";
    private static bool IsFalse(string? v) => v?.Trim().ToLowerInvariant() is "false" or "0" or "no";

    private static string Shorten(string? v) => v is null ? "" : v.Length > 60 ? v[..60] + "…" : v;
}
