using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Content;

/// <summary>The parts of a memo, in the order they are shown. Each is optional.</summary>
public enum MemoPart { BottomLine, WhatHappened, WhyItMatters, WhatsNext, KeyPlayers, Sources }

/// <summary>The six parts as text: Markdown, except <see cref="Sources"/> (one source a line, see <see cref="MemoSources"/>).
/// Implemented by the stored row and by the editor's form, so both render through <see cref="MemoRenderer"/>.</summary>
public interface IMemoParts
{
    string? BottomLine { get; }
    string? WhatHappened { get; }
    string? WhyItMatters { get; }
    string? WhatsNext { get; }
    string? KeyPlayers { get; }
    string? Sources { get; }
}

public static class MemoParts
{
    public static readonly IReadOnlyList<MemoPart> InOrder = Enum.GetValues<MemoPart>();

    public static string Heading(MemoPart part) => part switch
    {
        MemoPart.BottomLine => "Bottom line",
        MemoPart.WhatHappened => "What happened",
        MemoPart.WhyItMatters => "Why it matters",
        MemoPart.WhatsNext => "What’s next",
        MemoPart.KeyPlayers => "Key players",
        _ => "Sources",
    };

    /// <summary>The part's id on the page and its CSS class suffix.</summary>
    public static string Key(MemoPart part) => part switch
    {
        MemoPart.BottomLine => "bottom-line",
        MemoPart.WhatHappened => "what-happened",
        MemoPart.WhyItMatters => "why-it-matters",
        MemoPart.WhatsNext => "whats-next",
        MemoPart.KeyPlayers => "key-players",
        _ => "sources",
    };

    public static string? Text(this IMemoParts parts, MemoPart part) => part switch
    {
        MemoPart.BottomLine => parts.BottomLine,
        MemoPart.WhatHappened => parts.WhatHappened,
        MemoPart.WhyItMatters => parts.WhyItMatters,
        MemoPart.WhatsNext => parts.WhatsNext,
        MemoPart.KeyPlayers => parts.KeyPlayers,
        _ => parts.Sources,
    };

    public static bool IsEmpty(this IMemoParts parts) => InOrder.All(p => string.IsNullOrWhiteSpace(parts.Text(p)));
}

/// <summary>A memo's parts, one row per memo article. <see cref="Html"/> is rendered at save time (Markdig, sanitized,
/// sources resolved) so the article page emits it as it emits the body; it is gated exactly like the body.</summary>
public sealed class ArticleMemo : IMemoParts
{
    public int ArticleId { get; set; }
    public string BottomLine { get; set; } = "";
    public string WhatHappened { get; set; } = "";
    public string WhyItMatters { get; set; } = "";
    public string WhatsNext { get; set; } = "";
    public string KeyPlayers { get; set; } = "";
    public string Sources { get; set; } = "";
    /// <summary>The parts present, as headed sections in order; safe to emit raw.</summary>
    public string Html { get; set; } = "";


    public void CopyFrom(IMemoParts parts, string html)
    {
        BottomLine = parts.BottomLine?.Trim() ?? "";
        WhatHappened = parts.WhatHappened?.Trim() ?? "";
        WhyItMatters = parts.WhyItMatters?.Trim() ?? "";
        WhatsNext = parts.WhatsNext?.Trim() ?? "";
        KeyPlayers = parts.KeyPlayers?.Trim() ?? "";
        Sources = parts.Sources?.Trim() ?? "";
        Html = html;
    }
}

internal sealed class ArticleMemoConfiguration : IEntityTypeConfiguration<ArticleMemo>
{
    public void Configure(EntityTypeBuilder<ArticleMemo> b)
    {
        b.HasKey(m => m.ArticleId);
        b.HasOne<Article>().WithOne(a => a.Memo).HasForeignKey<ArticleMemo>(m => m.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
