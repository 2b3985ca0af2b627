using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Masthead.Delivery;

public sealed record MailSummary(string Id, DateTimeOffset Date, string To, string Subject);

/// <summary>Reads the pickup folder for the admin mailbox. A message id is its file name without
/// ".eml"; only names this app generates are accepted, so an id can never walk out of the folder.</summary>
public sealed partial class PickupMailbox(IOptions<MailOptions> options)
{
    public const int ListLimit = 200;

    [GeneratedRegex(@"\A[0-9]{8}T[0-9]{9}Z-[0-9a-f]{32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    public static string NewFileName(DateTimeOffset now) =>
        $"{now.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}-{Guid.NewGuid():n}.eml";

    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>Newest first (by write time, then name: the fake clock in tests gives equal stamps).</summary>
    public IReadOnlyList<MailSummary> List()
    {
        var directory = new DirectoryInfo(options.Value.PickupDirectory!);
        if (!directory.Exists) return [];
        var result = new List<MailSummary>();
        foreach (var file in directory.EnumerateFiles("*.eml")
                     .Where(f => IsValidId(Path.GetFileNameWithoutExtension(f.Name)))
                     .OrderByDescending(f => f.LastWriteTimeUtc).ThenByDescending(f => f.Name)
                     .Take(ListLimit))
        {
            var headers = TryLoadHeaders(file.FullName);
            if (headers is null) continue;
            result.Add(new MailSummary(Path.GetFileNameWithoutExtension(file.Name),
                headers.Date, MailboxView.Display(headers.To), headers.Subject ?? ""));
        }
        return result;
    }

    public MimeMessage? Load(string? id)
    {
        if (!IsValidId(id)) return null;
        var path = Path.Combine(options.Value.PickupDirectory!, id + ".eml");
        try
        {
            return File.Exists(path) ? MimeMessage.Load(path) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static MimeMessage? TryLoadHeaders(string path)
    {
        try
        {
            // Parsing the whole file is fine for a local mailbox of at most ListLimit messages.
            return MimeMessage.Load(path);
        }
        catch (Exception e) when (e is FormatException or IOException)
        {
            return null;
        }
    }
}
