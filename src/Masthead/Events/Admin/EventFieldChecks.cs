using System.Globalization;
using Masthead.Accounts;

namespace Masthead.Events.Admin;

/// <summary>The checks of single event fields; <see cref="EventEditor"/> puts them together.</summary>
internal static class EventFieldChecks
{
    public const int MaxUrlLength = 500;

    /// <summary>Null for an empty field; otherwise the trimmed https address, or the error.</summary>
    public static (string? Url, string? Error) HttpsUrl(string? entered, string what)
    {
        var text = entered?.Trim();
        if (string.IsNullOrEmpty(text)) return (null, null);
        if (text.Length > MaxUrlLength) return (null, $"Keep the {what} under {MaxUrlLength} characters.");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(uri.Host)
            || text.Any(char.IsWhiteSpace))
        {
            return (null, $"The {what} must be a full https:// address, e.g. https://meet.example.com/room.");
        }
        return (text, null);
    }

    /// <summary>Null for an empty field (no limit); otherwise a whole number of at least 1.</summary>
    public static (int? Capacity, string? Error) Capacity(string? entered)
    {
        var text = entered?.Trim();
        if (string.IsNullOrEmpty(text)) return (null, null);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > 1_000_000)
        {
            return (null, "Enter the number of places as a whole number of at least 1, or leave it empty for no limit.");
        }
        return (n, null);
    }

    /// <summary>Trimmed text or null; the error when it is longer than <paramref name="max"/>.</summary>
    public static (string? Text, string? Error) Optional(string? entered, int max, string what)
    {
        var text = entered?.Trim();
        if (string.IsNullOrEmpty(text)) return (null, null);
        return text.Length > max ? (null, $"Keep the {what} under {max} characters.") : (text, null);
    }

    public sealed record Author(int Id, string Name, string Bio);

    /// <summary>The speakers in order, or the first problem with them.</summary>
    public static (List<EventSpeaker> Speakers, string? Error) Speakers(IReadOnlyList<SpeakerInput> rows, IReadOnlyDictionary<int, Author> authors)
    {
        var kept = rows.Select((row, index) => (row, index))
            .Where(x => x.row.AuthorId is not null || !string.IsNullOrWhiteSpace(x.row.Name))
            .OrderBy(x => x.row.Position ?? int.MaxValue).ThenBy(x => x.index)
            .Select(x => x.row).ToList();
        var speakers = new List<EventSpeaker>();
        var seen = new HashSet<int>();
        foreach (var row in kept)
        {
            Author? author = null;
            if (row.AuthorId is { } authorId)
            {
                if (!authors.TryGetValue(authorId, out author)) return ([], "One of the chosen authors no longer exists.");
                if (!seen.Add(authorId)) return ([], $"{author.Name} is listed twice: each author can be a speaker once.");
            }
            var name = PersonNames.Clean(row.Name) ?? author?.Name ?? "";
            if (name.Length > 200) return ([], "Keep each speaker's name under 200 characters.");
            var role = row.Role?.Trim() ?? "";
            if (role.Length > 60) return ([], $"Keep the role of {name} under 60 characters.");
            var bio = string.IsNullOrWhiteSpace(row.Bio) ? author?.Bio ?? "" : row.Bio.Trim();
            if (bio.Length > 1000) return ([], $"Keep the bio of {name} under 1,000 characters.");
            speakers.Add(new EventSpeaker { AuthorId = author?.Id, Name = name, Role = role, Bio = bio, Position = speakers.Count });
        }
        return (speakers, null);
    }
}
