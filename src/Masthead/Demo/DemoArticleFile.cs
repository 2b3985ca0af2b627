using System.Globalization;
using Masthead.Content;

namespace Masthead.Demo;

internal sealed record DemoNote(ArticleNoteKind Kind, TimeSpan AfterPublication, string Text);

/// <summary>A demo memo's parts, cut from its body by their headings.</summary>
internal sealed record DemoMemo(string? BottomLine, string? WhatHappened, string? WhyItMatters, string? WhatsNext,
    string? KeyPlayers, string? Sources) : IMemoParts;

/// <summary>One demo article as written in Demo/Articles/*.md: a front-matter block between "---" lines
/// (key: value, one per line), then the Markdown body. Times are offsets from "now" so the demo always
/// looks current: days-ago/hours-ago (negative days-ago schedules into the future); notes are dated
/// "hours after publication | text". <c>kind:</c> is story (the default), memo or trend-report; in a memo, a line
/// "## Bottom line" (or any other part's heading: What happened, Why it matters, What's next, Key players, Sources)
/// starts that part, which runs to the next part heading; text before the first part heading is the body.</summary>
internal sealed record DemoArticleFile(
    string Slug, string Title, string Dek, string Section, string[] Authors, string[] Tags,
    AccessLevel Access, string Language, ArticleStatus Status, TimeSpan Age,
    string HeroAlt, string HeroCaption, DemoNote[] Notes, string Body, ArticleKind Kind = ArticleKind.Story, DemoMemo? Memo = null)
{
    private const string ResourcePrefix = "Masthead.Demo.Articles.";

    public static IReadOnlyList<DemoArticleFile> LoadAll()
    {
        var assembly = typeof(DemoArticleFile).Assembly;
        var list = new List<DemoArticleFile>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order())
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            list.Add(Parse(reader.ReadToEnd(), name));
        }
        return list;
    }

    public static DemoArticleFile Parse(string text, string source)
    {
        text = text.Replace("\r\n", "\n");
        if (!text.StartsWith("---\n", StringComparison.Ordinal)) throw Bad(source, "missing front matter");
        var end = text.IndexOf("\n---\n", 4, StringComparison.Ordinal);
        if (end < 0) throw Bad(source, "front matter is not closed");
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var notes = new List<DemoNote>();
        foreach (var line in text[4..end].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) throw Bad(source, $"bad line '{line}'");
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"') value = value[1..^1];
            if (key is "correction" or "editors-note")
            {
                notes.Add(ParseNote(key == "correction" ? ArticleNoteKind.Correction : ArticleNoteKind.EditorsNote, value, source));
            }
            else
            {
                fields[key] = value;
            }
        }
        string Get(string key) => fields.TryGetValue(key, out var v) && v.Length > 0 ? v : throw Bad(source, $"missing '{key}'");
        string[] List(string key) => Get(key).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        double Number(string key) => fields.TryGetValue(key, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : 0;

        var slug = Get("slug");
        if (!Content.Slug.IsValid(slug)) throw Bad(source, $"invalid slug '{slug}'");
        var kind = fields.TryGetValue("kind", out var k) ? ArticleKinds.FromSlug(k) ?? throw Bad(source, $"unknown kind '{k}'") : ArticleKind.Story;
        var body = text[(end + 5)..].Trim() + "\n";
        DemoMemo? memo = null;
        if (kind == ArticleKind.Memo) (body, memo) = SplitMemo(body);
        return new DemoArticleFile(
            slug, Get("title"), Get("dek"), Get("section"), List("authors"), List("tags"),
            Enum.Parse<AccessLevel>(Get("access"), ignoreCase: true),
            fields.GetValueOrDefault("language", "en"),
            Enum.Parse<ArticleStatus>(fields.GetValueOrDefault("status", "published"), ignoreCase: true),
            TimeSpan.FromDays(Number("days-ago")) + TimeSpan.FromHours(Number("hours-ago")),
            Get("hero-alt"), Get("hero-caption"), [.. notes], body, kind, memo);
    }

    private static (string Body, DemoMemo? Memo) SplitMemo(string text)
    {
        var parts = new Dictionary<MemoPart, List<string>>();
        var body = new List<string>();
        var current = body;
        foreach (var line in text.Split('\n'))
        {
            // Headings match with a plain apostrophe too ("What's next").
            var part = line.StartsWith("## ", StringComparison.Ordinal)
                ? MemoParts.InOrder.Cast<MemoPart?>().FirstOrDefault(p => string.Equals(MemoParts.Heading(p!.Value).Replace('’', '\''),
                    line[3..].Trim().Replace('’', '\''), StringComparison.OrdinalIgnoreCase))
                : null;
            if (part is { } found) current = parts[found] = [];
            else current.Add(line);
        }
        if (parts.Count == 0) return (text, null);
        string? Part(MemoPart p) => parts.TryGetValue(p, out var lines) ? string.Join('\n', lines).Trim() : null;
        return (string.Join('\n', body).Trim() + "\n", new DemoMemo(Part(MemoPart.BottomLine), Part(MemoPart.WhatHappened),
            Part(MemoPart.WhyItMatters), Part(MemoPart.WhatsNext), Part(MemoPart.KeyPlayers), Part(MemoPart.Sources)));
    }

    private static DemoNote ParseNote(ArticleNoteKind kind, string value, string source)
    {
        var parts = value.Split('|', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !parts[0].EndsWith('h')) throw Bad(source, $"note must be 'Nh | text': '{value}'");
        return new DemoNote(kind, TimeSpan.FromHours(double.Parse(parts[0][..^1], CultureInfo.InvariantCulture)), parts[1]);
    }

    private static InvalidDataException Bad(string source, string why) => new($"demo article {source}: {why}");
}
