using Masthead.Data;
using Masthead.Site;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Briefings.Subscribing;

/// <summary>What the signup box (Site/Slices/SignupBox.cshtml) renders: the open lists and which are ticked to begin with.</summary>
/// <summary>Nothing in it belongs to one reader (pages holding it are shared), only whether they are signed in.</summary>
public sealed record SignupFormView(string Source, IReadOnlyList<SignupListOption> Lists, string HeadingId, bool SignedIn);

public sealed record SignupListOption(int Id, string Slug, string Name, string Cadence, bool Checked);

/// <summary>Builds the signup form's choices. Used by the signup box on the home, article and briefings pages.</summary>
public sealed class SignupForms(MastheadDb db, ContentMemo memo)
{
    public const string DefaultList = "daily-briefing";

    /// <summary>The home page ticks the Daily Briefing.</summary>
    public Task<SignupFormView> ForHomeAsync(bool signedIn, CancellationToken ct) =>
        BuildAsync("home", signedIn, _ => false, ct);

    /// <summary>The briefings page: every list, the Daily Briefing ticked, as on the home page.</summary>
    public Task<SignupFormView> ForBriefingsPageAsync(bool signedIn, CancellationToken ct) =>
        BuildAsync("briefings", signedIn, _ => false, ct);

    /// <summary>An article page ticks the briefing whose rules name the article's section or one of its tags
    /// (a Turkey story offers the Turkey Briefing), preferring the most specific (fewest rule slugs);
    /// with no match, the Daily Briefing.</summary>
    public Task<SignupFormView> ForArticleAsync(string? sectionSlug, IEnumerable<string> tagSlugs, bool signedIn, CancellationToken ct)
    {
        var tags = tagSlugs.ToHashSet(StringComparer.Ordinal);
        return BuildAsync("article", signedIn, rules =>
            (sectionSlug is not null && rules.Sections.Contains(sectionSlug)) || rules.Tags.Overlaps(tags), ct);
    }

    private async Task<SignupFormView> BuildAsync(string source, bool signedIn, Func<Rules, bool> matches, CancellationToken ct)
    {
        // The open lists change only when an editor saves one, which evicts the content tag and clears the memo.
        var lists = (await memo.GetAsync("briefing-lists", LoadListsAsync, ct))!;
        var best = lists
            .Select(l => new { l.Slug, Rules = new Rules(Split(l.RuleSections), Split(l.RuleTags)) })
            .Where(l => l.Rules.Sections.Count + l.Rules.Tags.Count > 0 && matches(l.Rules))
            .OrderBy(l => l.Rules.Sections.Count + l.Rules.Tags.Count)
            .Select(l => l.Slug).FirstOrDefault();
        var chosen = best ?? (lists.Any(l => l.Slug == DefaultList) ? DefaultList : lists.FirstOrDefault()?.Slug);
        return new SignupFormView(source,
            lists.Select(l => new SignupListOption(l.Id, l.Slug, l.Name, l.Cadence, l.Slug == chosen)).ToList(),
            "signup-" + source, signedIn);
    }

    private async Task<IReadOnlyList<OpenList>?> LoadListsAsync(CancellationToken ct) =>
        await db.BriefingLists.AsNoTracking().Where(l => l.IsActive).OrderBy(l => l.Position).ThenBy(l => l.Id)
            .Select(l => new OpenList(l.Id, l.Slug, l.Name, l.Cadence, l.RuleSections, l.RuleTags)).ToListAsync(ct);

    private sealed record OpenList(int Id, string Slug, string Name, string Cadence, string RuleSections, string RuleTags);

    private static HashSet<string> Split(string value) =>
        value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    private sealed record Rules(HashSet<string> Sections, HashSet<string> Tags);
}
