using Masthead.Content;
using Masthead.Tests.Support;

namespace Masthead.Tests.Content.Kinds;

/// <summary>A memo's parts for tests, each sentence unique so a leak or a misplaced part names itself.</summary>
internal sealed record TestMemo(string? BottomLine = null, string? WhatHappened = null, string? WhyItMatters = null,
    string? WhatsNext = null, string? KeyPlayers = null, string? Sources = null) : IMemoParts
{
    public static readonly TestMemo Full = new(
        BottomLine: "Bottom-line sentence: the merger closes by spring.",
        WhatHappened: "What-happened sentence: two banks signed terms.",
        WhyItMatters: "Why-it-matters sentence: margins compress briefly.",
        WhatsNext: "Whats-next sentence: the regulator rules in March.",
        KeyPlayers: null,
        Sources: "- [Earlier report](gulf-banks-report)\n- https://example.org/central-bank-note");
}

internal static class KindSupport
{
    /// <summary>Tag kinds matter for the listings' filters; ContentSeed makes unknown tags topics.</summary>
    public static Task CreateTagAsync(this TestApp app, string slug, string name, TagKind kind) => app.WithDbAsync(async db =>
    {
        db.Tags.Add(new Tag { Slug = slug, Name = name, Kind = kind });
        await db.SaveChangesAsync();
    });
}
