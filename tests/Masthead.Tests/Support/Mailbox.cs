using System.Text.RegularExpressions;
using MimeKit;

namespace Masthead.Tests.Support;

/// <summary>Reads what the app "sent" from its pickup folder (<c>app.MailDirectory</c>), the way a
/// reader finds a magic link in their inbox.</summary>
public static partial class Mailbox
{
    [GeneratedRegex(@"https?://[^\s<>""']+")]
    private static partial Regex LinkPattern();

    /// <summary>All messages, newest first.</summary>
    public static IReadOnlyList<MimeMessage> All(string mailDirectory)
    {
        if (!Directory.Exists(mailDirectory)) return [];
        return new DirectoryInfo(mailDirectory).EnumerateFiles("*.eml")
            .OrderByDescending(f => f.LastWriteTimeUtc).ThenByDescending(f => f.Name)
            .Select(f => MimeMessage.Load(f.FullName))
            .ToList();
    }

    /// <summary>All messages to an address (case-insensitive), newest first.</summary>
    public static IReadOnlyList<MimeMessage> To(string mailDirectory, string to) =>
        All(mailDirectory).Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase))).ToList();

    public static MimeMessage? Latest(string mailDirectory, string to) => To(mailDirectory, to).FirstOrDefault();

    /// <summary>The first link in the text part whose URL contains <paramref name="pathContains"/>.</summary>
    public static string? FindLink(MimeMessage m, string pathContains) =>
        LinkPattern().Matches(m.TextBody ?? "").Select(match => match.Value)
            .FirstOrDefault(link => link.Contains(pathContains, StringComparison.Ordinal));

    /// <summary>Path and query of a link, for an HttpClient whose base address is the test server.</summary>
    public static string PathAndQuery(string link) => new Uri(link).PathAndQuery;
}
