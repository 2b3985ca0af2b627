using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Content.Admin;

/// <summary>The editor's side of memo parts: checks Sources against the site's articles and renders the parts with the
/// titles of the articles they cite, for the save and for the preview alike.</summary>
public sealed class MemoEditing(MastheadDb db, MemoRenderer renderer)
{
    /// <summary>Why the Sources part cannot be saved, or null.</summary>
    public async Task<string?> SourcesErrorAsync(IMemoParts parts, CancellationToken ct)
    {
        var (_, error) = MemoSources.Parse(parts.Sources);
        if (error is not null) return error;
        var slugs = MemoSources.OwnSlugs(parts.Sources);
        var known = await db.Articles.Where(a => slugs.Contains(a.Slug)).Select(a => a.Slug).ToListAsync(ct);
        return slugs.FirstOrDefault(s => !known.Contains(s)) is { } unknown
            ? $"Sources: no article has the slug “{unknown}”. Use an article’s slug or a full http(s) address."
            : null;
    }

    public async Task<string> ToHtmlAsync(IMemoParts parts, CancellationToken ct)
    {
        if (parts.IsEmpty()) return "";
        var slugs = MemoSources.OwnSlugs(parts.Sources);
        var titles = slugs.Count == 0 ? new Dictionary<string, string>()
            : await db.Articles.AsNoTracking().Where(a => slugs.Contains(a.Slug)).ToDictionaryAsync(a => a.Slug, a => a.Title, ct);
        return renderer.ToHtml(parts, titles);
    }
}

/// <summary>The memo fields of the article form (<c>Input.Memo.BottomLine</c> and so on).</summary>
public sealed class MemoInput : IMemoParts
{
    public string? BottomLine { get; set; }
    public string? WhatHappened { get; set; }
    public string? WhyItMatters { get; set; }
    public string? WhatsNext { get; set; }
    public string? KeyPlayers { get; set; }
    public string? Sources { get; set; }

    public static MemoInput From(IMemoParts? parts) => parts is null ? new() : new()
    {
        BottomLine = parts.BottomLine, WhatHappened = parts.WhatHappened, WhyItMatters = parts.WhyItMatters,
        WhatsNext = parts.WhatsNext, KeyPlayers = parts.KeyPlayers, Sources = parts.Sources,
    };
}
